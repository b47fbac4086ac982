package io.burnrate.sim;

import io.burnrate.schema.EndpointConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A simulated fleet of inference endpoints. Deterministic: the same plan yields byte-identical
 * events, and endpoint i's events do not depend on how many endpoints there are.
 *
 * <pre>{@code
 * Simulator sim = new Simulator(plan);
 * sim.configs();      // one EndpointConfig per endpoint
 * sim.groundTruth();  // what each scenario must make the pipeline say
 * Iterator<SimEvent> events = sim.events();  // configs first, then every record in appearance order
 * }</pre>
 */
public final class Simulator {
  private final SimulationPlan plan;
  private final List<EndpointProfile> profiles;

  public Simulator(SimulationPlan plan) {
    this.plan = plan;
    FleetGenerator fleet = new FleetGenerator(plan);
    List<EndpointProfile> drawn = new ArrayList<>();
    for (int index : plan.simulatedIndices()) {
      drawn.add(fleet.profile(index));
    }
    this.profiles = Collections.unmodifiableList(drawn);
  }

  public SimulationPlan plan() {
    return plan;
  }

  /** The configuration record of every simulated endpoint, by index. */
  public List<EndpointConfig> configs() {
    List<EndpointConfig> configs = new ArrayList<>(profiles.size());
    for (EndpointProfile profile : profiles) {
      configs.add(profile.toConfig());
    }
    return configs;
  }

  /** The scenario windows with the rules each must (and may) make fire, by start time. */
  public List<GroundTruth> groundTruth() {
    List<GroundTruth> truths = new ArrayList<>();
    for (ScenarioWindow window : plan.scenarios()) {
      profileOf(window.endpointIndex()).ifPresent(profile -> truths.add(ScenarioTruth.of(profile, window, plan)));
    }
    return truths;
  }

  /**
   * A fresh pass over the run: the config records (appearing at the start), then requests, replica
   * events and bills in appearance order. Generated lazily; each call starts over and yields the same
   * sequence.
   */
  public Iterator<SimEvent> events() {
    List<EndpointRun> runs = new ArrayList<>(profiles.size());
    for (EndpointProfile profile : profiles) {
      runs.add(new EndpointRun(profile, plan));
    }
    Iterator<SimEvent> configs = configEvents();
    EventMerger merged = new EventMerger(runs);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return configs.hasNext() || merged.hasNext();
      }

      @Override
      public SimEvent next() {
        if (configs.hasNext()) {
          return configs.next();
        }
        if (!merged.hasNext()) {
          throw new NoSuchElementException("the simulation has no more events");
        }
        return merged.next();
      }
    };
  }

  private Iterator<SimEvent> configEvents() {
    Iterator<EndpointProfile> each = profiles.iterator();
    String topic = plan.topics().endpointConfig();
    long at = plan.startMs();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return each.hasNext();
      }

      @Override
      public SimEvent next() {
        EndpointProfile profile = each.next();
        return new SimEvent(topic, profile.endpointId(), profile.toConfig(), at);
      }
    };
  }

  private Optional<EndpointProfile> profileOf(int index) {
    for (EndpointProfile profile : profiles) {
      if (profile.index() == index) {
        return Optional.of(profile);
      }
    }
    return Optional.empty();
  }
}
