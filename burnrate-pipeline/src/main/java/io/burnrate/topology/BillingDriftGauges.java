package io.burnrate.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code burnrate_billing_drift_ratio{endpoint}}: billed over metered spend over an endpoint's trailing
 * closed hours with a bill, for at most {@code limit} endpoints of this instance: those whose billing
 * drifts furthest from the meter, either way. An endpoint drifting further takes the place of the one
 * drifting least, so heap and Prometheus series stay bounded however large the fleet.
 */
final class BillingDriftGauges {
  static final String NAME = "burnrate.billing.drift.ratio";

  private final MeterRegistry registry;
  private final int limit;
  private final Map<String, Shown> shown = new HashMap<>();

  /** The gauge of one shown endpoint and its latest ratio. */
  private static final class Shown {
    volatile double ratio;
    Gauge gauge;

    double drift() {
      return BillingDriftGauges.drift(ratio);
    }
  }

  BillingDriftGauges(MeterRegistry registry, int limit) {
    this.registry = registry;
    this.limit = limit;
  }

  /** Stream threads of several tasks report here. */
  synchronized void set(String endpointId, double ratio) {
    Shown current = shown.get(endpointId);
    if (current != null) {
      current.ratio = ratio;
      return;
    }
    if (shown.size() >= limit) {
      Map.Entry<String, Shown> least = leastDrifting();
      if (least == null || drift(ratio) <= least.getValue().drift()) {
        return;
      }
      registry.remove(least.getValue().gauge);
      shown.remove(least.getKey());
    }
    Shown added = new Shown();
    added.ratio = ratio;
    added.gauge = Gauge.builder(NAME, added, s -> s.ratio)
        .description("Billed over metered spend over the endpoint's trailing closed hours (the endpoints drifting"
            + " most)")
        .tag("endpoint", endpointId)
        .register(registry);
    shown.put(endpointId, added);
  }

  private Map.Entry<String, Shown> leastDrifting() {
    Map.Entry<String, Shown> least = null;
    for (Map.Entry<String, Shown> entry : shown.entrySet()) {
      if (least == null || entry.getValue().drift() < least.getValue().drift()) {
        least = entry;
      }
    }
    return least;
  }

  private static double drift(double ratio) {
    return Math.abs(ratio - 1);
  }
}
