package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.sim.Scenario;
import io.burnrate.sim.SimEvent;
import io.burnrate.sim.SimulationPlan;
import io.burnrate.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The same requests and replica events, read in different interleavings of the two topics, give the
 * same outputs: the endpoint processor puts them back in event-time order (each topic's own order is
 * kept, as Kafka keeps a partition's).
 */
class EventOrderTopologyTest {
  private static final Duration IDLE = Duration.ofSeconds(30);
  private static final SimulationPlan PLAN = SimulationPlan.builder().endpoints(6).seed(11)
      .duration(Duration.ofHours(8)).peakRate(1.0)
      .scenario(Scenario.DEATH_SPIRAL, 2, SimulationPlan.DEFAULT_START.plus(Duration.ofHours(2)), Duration.ofHours(2))
      .scenario(Scenario.RUNAWAY_SCALING, 4, SimulationPlan.DEFAULT_START.plus(Duration.ofHours(4)), Duration.ofHours(2))
      .build();

  private record Outputs(List<CostAlert> alerts, List<ScalingCommand> commands, Map<String, Map<String, Object>> metrics,
      int deadLetters) {}

  @Test
  void requestsAndReplicaEventsInterleavedDifferentlyGiveTheSameOutputs() {
    Simulator simulator = new Simulator(PLAN);
    List<SimEvent> events = new ArrayList<>();
    Iterator<SimEvent> all = simulator.events();
    TopicNames topics = TopicNames.DEFAULTS;
    while (all.hasNext()) {
      SimEvent event = all.next();
      if (event.topic().equals(topics.requests()) || event.topic().equals(topics.replicas())) {
        events.add(event);
      }
    }
    List<SimEvent> replicasFirst = new ArrayList<>(events);
    replicasFirst.sort(Comparator.comparing((SimEvent e) -> e.topic().equals(topics.requests())));
    // Each topic in pieces of 20 minutes, one topic a piece ahead of the other (all the requests first
    // would be more than the records a task lets wait: EventOrder.MAX_WAITING).
    long piece = Duration.ofMinutes(20).toMillis();
    List<SimEvent> replicasAhead = new ArrayList<>(events);
    replicasAhead.sort(Comparator.comparingLong(
        (SimEvent e) -> e.appearsAt() / piece - (e.topic().equals(topics.replicas()) ? 1 : 0)));
    List<SimEvent> requestsAhead = new ArrayList<>(events);
    requestsAhead.sort(Comparator.comparingLong(
        (SimEvent e) -> e.appearsAt() / piece - (e.topic().equals(topics.requests()) ? 1 : 0)));

    Outputs inOrder = run(simulator.configs(), events);
    assertThat(inOrder.alerts()).as("alerts of the reference read").hasSizeGreaterThanOrEqualTo(4);
    assertThat(inOrder.commands()).as("commands of the reference read").isNotEmpty();
    assertThat(inOrder.deadLetters()).isZero();

    assertThat(run(simulator.configs(), replicasFirst)).as("every replica event first").isEqualTo(inOrder);
    assertThat(run(simulator.configs(), requestsAhead)).as("requests a piece ahead").isEqualTo(inOrder);
    assertThat(run(simulator.configs(), replicasAhead)).as("replica events a piece ahead").isEqualTo(inOrder);
  }

  private static Outputs run(List<EndpointConfig> configs, List<SimEvent> events) {
    try (PipelineDriver d = new PipelineDriver(Map.of(BurnrateConfig.INPUT_IDLE, String.valueOf(IDLE.toMillis())))) {
      configs.forEach(d::config);
      for (SimEvent event : events) {
        if (event.value() instanceof InferenceRequest request) {
          d.request(request);
        } else {
          d.replica((ReplicaEvent) event.value());
        }
      }
      // Neither topic brings anything more: once silent for the idle time, the last records go on.
      d.advanceWallClock(IDLE.plusSeconds(1));
      d.advanceWallClock(Duration.ofMinutes(1)); // and their metrics are sent
      Map<String, Map<String, Object>> finalMetrics = new TreeMap<>();
      for (Map<String, Object> m : d.metrics.readValuesToList()) {
        finalMetrics.put(m.get("endpoint_id") + "@" + m.get("timestamp"), m);
      }
      return new Outputs(d.alerts(), d.commands(), finalMetrics, d.deadLetters().size());
    }
  }
}
