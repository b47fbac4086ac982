package io.burnrate.http;

import io.burnrate.rules.RuleCatalog;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code burnrate_alerts_active{rule, severity}}: FIRING alerts not yet RESOLVED of the endpoints this
 * instance owns, read from the active-alerts store at each scrape. Being read from state, the count
 * survives restarts and follows tasks when they move; summed over instances it is the cluster's
 * total. While Kafka Streams is not RUNNING the last counts are kept. Every rule has a series (0 when
 * quiet), so a dashboard needs no "absent" handling.
 */
final class ActiveAlertsGauge {
  static final String NAME = "burnrate.alerts.active";
  private static final Logger log = LoggerFactory.getLogger(ActiveAlertsGauge.class);

  private final Map<AlertRule, AtomicInteger> counts = new EnumMap<>(AlertRule.class);

  ActiveAlertsGauge(MeterRegistry registry) {
    for (AlertRule rule : AlertRule.values()) {
      if (rule == AlertRule.UNKNOWN) {
        continue;
      }
      AtomicInteger count = new AtomicInteger();
      counts.put(rule, count);
      Gauge.builder(NAME, count, AtomicInteger::get)
          .description("FIRING alerts not yet RESOLVED, of the endpoints this instance owns")
          .tag("rule", rule.name())
          .tag("severity", RuleCatalog.of(rule).severity().name())
          .register(registry);
    }
  }

  /** Re-reads the counts from this instance's store, when it can be read. */
  void refresh(StreamsAccess access) {
    if (access == null || access.state() != KafkaStreams.State.RUNNING) {
      return;
    }
    Map<AlertRule, Integer> fresh = new EnumMap<>(AlertRule.class);
    try {
      if (access.instances().contains(access.self())) {
        for (CostAlert alert : access.localActiveAlerts()) {
          fresh.merge(alert.getRule(), 1, Integer::sum);
        }
      }
    } catch (InvalidStateStoreException e) {
      log.debug("active alerts not readable now, keeping the last counts: {}", e.getMessage());
      return;
    }
    counts.forEach((rule, count) -> count.set(fresh.getOrDefault(rule, 0)));
  }
}
