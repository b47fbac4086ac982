package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.EndpointConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ten thousand endpoints for an hour stream through in bounded memory (one head per endpoint, no list). */
class LargeFleetTest {

  @Test
  void tenThousandEndpointsForAnHour() {
    SimulationPlan plan = SimulationPlan.builder().endpoints(10_000).duration(Duration.ofHours(1)).peakRate(0.05)
        .build();
    Simulator simulator = new Simulator(plan);
    assertThat(simulator.configs()).hasSize(10_000);

    Iterator<SimEvent> events = simulator.events();
    Set<String> configured = new HashSet<>();
    Set<String> withReplicas = new HashSet<>();
    long records = 0;
    long last = Long.MIN_VALUE;
    while (events.hasNext()) {
      SimEvent event = events.next();
      assertThat(event.appearsAt()).isGreaterThanOrEqualTo(last);
      last = event.appearsAt();
      if (event.value() instanceof EndpointConfig) {
        configured.add(event.key());
      } else if (event.topic().equals(plan.topics().replicas())) {
        withReplicas.add(event.key());
      }
      records++;
    }
    assertThat(configured).hasSize(10_000);
    assertThat(withReplicas).hasSize(10_000);
    assertThat(records).isGreaterThan(100_000);
  }
}
