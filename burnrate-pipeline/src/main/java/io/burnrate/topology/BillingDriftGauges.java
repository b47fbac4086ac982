package io.burnrate.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code burnrate_billing_drift_ratio{endpoint}}: billed over metered for the endpoints this instance
 * owns, over their trailing closed hours with a bill. One gauge per endpoint, registered on first value.
 */
final class BillingDriftGauges {
  static final String NAME = "burnrate.billing.drift.ratio";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, AtomicReference<Double>> ratios = new ConcurrentHashMap<>();

  BillingDriftGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void set(String endpointId, double ratio) {
    AtomicReference<Double> holder = ratios.get(endpointId);
    if (holder == null) {
      holder = ratios.computeIfAbsent(endpointId, id -> {
        AtomicReference<Double> created = new AtomicReference<>(Double.NaN);
        Gauge.builder(NAME, created, AtomicReference::get)
            .description("Billed over metered spend over the endpoint's trailing closed hours")
            .tag("endpoint", id)
            .register(registry);
        return created;
      });
    }
    holder.set(ratio);
  }
}
