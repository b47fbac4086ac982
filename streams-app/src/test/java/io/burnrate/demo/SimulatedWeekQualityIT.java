package io.burnrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.core.Time;
import io.burnrate.engine.EndpointEngine;
import io.burnrate.engine.EndpointSettingsResolver;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.Events;
import io.burnrate.engine.Outcome;
import io.burnrate.engine.PipelineSettings;
import io.burnrate.engine.SliceAccess;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.Severity;
import io.burnrate.sim.GroundTruth;
import io.burnrate.sim.Scenario;
import io.burnrate.sim.SimEvent;
import io.burnrate.sim.SimulationPlan;
import io.burnrate.sim.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A simulated week with every per-endpoint scenario injected twice, run through the engine exactly as
 * the topology drives it (events in appearance order, every endpoint moved through each metering
 * step boundary before the record that passes it, late records dropped), scored against the
 * simulator's ground truth. Prints the table the README shows. Run alone with
 * {@code mvn -B verify -pl streams-app -Dit.test=SimulatedWeekQualityIT -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SimulatedWeekQualityIT {
  private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
  private static final long DAY = Time.DAY_MS;

  @Test
  void theInjectedAnomaliesAreCaughtAndHealthyEndpointsStayQuietOnPages() {
    SimulationPlan.Builder plan = SimulationPlan.builder().endpoints(10).seed(7).start(MONDAY)
        .duration(Duration.ofDays(7)).peakRate(1.0);
    inject(plan, Scenario.DEATH_SPIRAL, 0, 1, 9, 3);
    inject(plan, Scenario.DEATH_SPIRAL, 0, 4, 9, 3);
    inject(plan, Scenario.BUDGET_OVERRUN, 1, 2, 4, 19);
    inject(plan, Scenario.BUDGET_OVERRUN, 1, 5, 4, 19);
    inject(plan, Scenario.RUNAWAY_SCALING, 2, 1, 13, 2);
    inject(plan, Scenario.RUNAWAY_SCALING, 2, 3, 13, 2);
    inject(plan, Scenario.TRAFFIC_SURGE, 3, 4, 15, 1);
    inject(plan, Scenario.TRAFFIC_SURGE, 3, 6, 15, 1);
    inject(plan, Scenario.OVER_PROVISIONED, 4, 2, 6, 12);
    inject(plan, Scenario.OVER_PROVISIONED, 4, 5, 6, 12);
    Simulator simulator = new Simulator(plan.build());

    List<CostAlert> alerts = run(simulator);
    List<GroundTruth> truths = simulator.groundTruth();
    List<QualityReport.Row> rows = QualityReport.of(alerts, truths);
    System.out.println("Quality over a simulated week (seed 7, 10 endpoints, each scenario twice):");
    System.out.print(QualityReport.table(rows));

    for (QualityReport.Row row : rows) {
      // The rest is reported, not yet held to a target (see the README's quality table).
      if (row.scenario() == Scenario.DEATH_SPIRAL || row.scenario() == Scenario.RUNAWAY_SCALING) {
        assertThat(row.recall()).as("%s recall", row.scenario()).isEqualTo(1.0);
        assertThat(row.precision()).as("%s precision", row.scenario()).isEqualTo(1.0);
      }
    }
    // Endpoints 5..9 carry no scenario: nothing pages for them (INFO advice is not a page).
    List<String> injected = truths.stream().map(GroundTruth::endpointId).distinct().toList();
    assertThat(alerts)
        .filteredOn(a -> a.getStatus() == AlertStatus.FIRING && a.getSeverity() != Severity.INFO)
        .filteredOn(a -> !injected.contains(a.getEndpointId()))
        .as("warning or critical alerts on healthy endpoints")
        .extracting(a -> a.getEndpointId() + " " + a.getRule() + " " + a.getDetectedAt())
        .isEmpty();
  }

  private static void inject(SimulationPlan.Builder plan, Scenario scenario, int endpoint, int day, int hour,
      int hours) {
    plan.scenario(scenario, endpoint, MONDAY.plusMillis(day * DAY + hour * Time.HOUR_MS), Duration.ofHours(hours));
  }

  /** The engine driven as EndpointCostProcessor drives it, without Kafka. */
  private static List<CostAlert> run(Simulator simulator) {
    PipelineSettings settings = PipelineSettings.defaults();
    EndpointEngine engine = new EndpointEngine(settings);
    EndpointSettingsResolver resolver = new EndpointSettingsResolver(settings);
    Map<String, EndpointSettings> endpoints = new HashMap<>();
    Map<String, EndpointState> states = new TreeMap<>();
    MemorySlices slices = new MemorySlices();
    List<CostAlert> alerts = new ArrayList<>();
    long step = settings.meterStepMs();
    long streamTime = Long.MIN_VALUE;
    Long lastTick = null;
    for (Iterator<SimEvent> it = simulator.events(); it.hasNext(); ) {
      Object value = it.next().value();
      if (value instanceof EndpointConfig config) {
        endpoints.put(config.getEndpointId(), resolver.resolve(config.getEndpointId(), config));
        continue;
      }
      long t = eventTime(value);
      long boundary = Math.floorDiv(t, step) * step;
      if (lastTick == null || boundary > lastTick) {
        if (lastTick != null) {
          for (long b = lastTick + step; b <= boundary; b += step) {
            for (Map.Entry<String, EndpointState> e : states.entrySet()) {
              collect(alerts, engine.onTick(e.getValue(), endpoints.get(e.getKey()), b, slices, false));
            }
          }
        }
        lastTick = boundary;
      }
      long grace = value instanceof BillingEvent ? settings.billingGraceMs() : settings.eventGraceMs();
      if (streamTime != Long.MIN_VALUE && t < streamTime - grace) {
        continue; // late: the topology dead-letters it
      }
      streamTime = Math.max(streamTime, t);
      String id = endpointOf(value);
      EndpointState state = states.computeIfAbsent(id, k -> new EndpointState());
      EndpointSettings endpoint = endpoints.computeIfAbsent(id, k -> resolver.resolve(k, null));
      if (value instanceof InferenceRequest r) {
        collect(alerts, engine.onRequest(state, endpoint, Events.of(r), slices, false));
      } else if (value instanceof ReplicaEvent e && e.getType() != ReplicaEventType.UNKNOWN) {
        collect(alerts, engine.onReplica(state, endpoint, Events.of(e), slices, false));
      } else if (value instanceof BillingEvent b) {
        collect(alerts, engine.onLineItem(state, endpoint, Events.of(b), null, slices, false));
      }
    }
    return alerts;
  }

  private static void collect(List<CostAlert> alerts, Outcome outcome) {
    alerts.addAll(outcome.alerts);
  }

  private static long eventTime(Object value) {
    if (value instanceof InferenceRequest r) {
      return r.getTimestamp().toEpochMilli();
    }
    if (value instanceof ReplicaEvent e) {
      return e.getTimestamp().toEpochMilli();
    }
    return ((BillingEvent) value).getUsageEnd().toEpochMilli();
  }

  private static String endpointOf(Object value) {
    if (value instanceof InferenceRequest r) {
      return r.getEndpointId();
    }
    if (value instanceof ReplicaEvent e) {
      return e.getEndpointId();
    }
    return ((BillingEvent) value).getEndpointId();
  }

  private static final class MemorySlices implements SliceAccess {
    private final Map<String, TreeMap<Long, SliceStats>> slices = new HashMap<>();
    private final Map<String, byte[]> baselines = new HashMap<>();

    @Override
    public SliceStats get(String endpointId, long sliceStart) {
      TreeMap<Long, SliceStats> own = slices.get(endpointId);
      return own == null ? null : own.get(sliceStart);
    }

    @Override
    public void put(String endpointId, SliceStats stats) {
      TreeMap<Long, SliceStats> own = slices.computeIfAbsent(endpointId, k -> new TreeMap<>());
      own.put(stats.sliceStart, stats);
      own.headMap(stats.sliceStart - 8 * DAY).clear();
    }

    @Override
    public byte[] baselines(String endpointId) {
      return baselines.get(endpointId);
    }

    @Override
    public void putBaselines(String endpointId, byte[] bytes) {
      baselines.put(endpointId, bytes);
    }
  }
}
