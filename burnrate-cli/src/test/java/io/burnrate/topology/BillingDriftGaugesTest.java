package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BillingDriftGaugesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private Map<String, Double> shown() {
    Map<String, Double> gauges = new TreeMap<>();
    for (Gauge gauge : registry.find(BillingDriftGauges.NAME).gauges()) {
      gauges.put(gauge.getId().getTag("endpoint"), gauge.value());
    }
    return gauges;
  }

  @Test
  void atMostTheLimitAreShownTheEndpointsDriftingFurthestEitherWay() {
    BillingDriftGauges gauges = new BillingDriftGauges(registry, 2);
    gauges.set("ep-a", 1.02);
    gauges.set("ep-b", 0.70);
    gauges.set("ep-c", 1.01);
    assertThat(shown()).as("ep-c drifts less than both shown").containsOnlyKeys("ep-a", "ep-b");

    gauges.set("ep-d", 1.50);
    assertThat(shown()).as("ep-d takes the place of ep-a, the least drifting").containsOnlyKeys("ep-b", "ep-d");

    for (int i = 0; i < 1_000; i++) {
      gauges.set("fleet-" + i, 1.0 + i / 10_000.0);
    }
    assertThat(shown()).as("a large fleet of small drifts changes nothing").hasSize(2).containsOnlyKeys("ep-b", "ep-d");
  }

  @Test
  void aShownEndpointShowsItsLatestRatio() {
    BillingDriftGauges gauges = new BillingDriftGauges(registry, 1);
    gauges.set("ep-a", 1.30);
    gauges.set("ep-a", 1.05);
    assertThat(shown()).containsExactly(Map.entry("ep-a", 1.05));
  }

  @Test
  void aLimitOfZeroShowsNone() {
    BillingDriftGauges gauges = new BillingDriftGauges(registry, 0);
    gauges.set("ep-a", 3.0);
    assertThat(shown()).isEmpty();
  }
}
