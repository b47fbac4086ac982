package io.burnrate.engine;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One endpoint-hour as {@code cost.metrics.hourly} carries it (CONTRACT.md): flat, with null where a
 * value does not exist (cost per request with no request, utilization with no ready replica). Beyond
 * the contract's fields, {@code billed_to_metered_ratio} is the endpoint's billing drift over its
 * trailing closed hours ({@link BillingDrift}).
 */
public final class HourlyMetrics {
  public static final int SCHEMA_VERSION = 1;

  private HourlyMetrics() {}

  /** The endpoint-hour as its state knows it: the budget day it falls in and the billing drift. */
  public static Map<String, Object> of(
      String endpointId, SliceStats hour, EndpointState state, EndpointSettings settings,
      double concurrencyPerReplica) {
    DayState day = state == null ? null : state.days.get(Time.dayStart(hour.sliceStart, settings.zone()));
    OptionalDouble drift = state == null ? OptionalDouble.empty() : BillingDrift.ratio(state.trailingHours);
    return of(endpointId, hour, day, settings.dailyBudgetMicros(), concurrencyPerReplica,
        drift.isPresent() ? drift.getAsDouble() : null);
  }

  /** The JSON object's fields, in contract order. */
  public static Map<String, Object> of(
      String endpointId, SliceStats hour, DayState day, long dailyBudgetMicros, double concurrencyPerReplica,
      Double billedToMeteredRatio) {
    Map<String, Object> m = new LinkedHashMap<>();
    long spend = hour.visibleMicros();
    m.put("schema_version", SCHEMA_VERSION);
    m.put("timestamp", hour.sliceStart);
    m.put("endpoint_id", endpointId);
    m.put("spend_usd", Money.usd(spend));
    m.put("metered_usd", Money.usd(hour.meteredMicros()));
    m.put("billed_usd", Money.usd(hour.billedMicros()));
    m.put("compute_usd", Money.usd(Math.max(hour.metered[Category.COMPUTE], hour.billed[Category.COMPUTE])));
    m.put("cold_start_usd", Money.usd(Math.max(hour.metered[Category.COLD_START_TRANSFER],
        hour.billed[Category.COLD_START_TRANSFER])));
    m.put("requests", hour.requests);
    m.put("errors", hour.errors);
    m.put("error_rate", hour.requests == 0 ? null : (double) hour.errors / hour.requests);
    m.put("cost_per_request_usd", hour.requests == 0 ? null : Money.usd(spend) / hour.requests);
    m.put("cold_starts", hour.coldStarts);
    m.put("scale_events", hour.scaleEvents);
    m.put("max_replicas", hour.maxReplicas);
    m.put("p95_latency_ms", hour.warmLatency == null || hour.warmLatency.isEmpty()
        ? null : hour.warmLatency.getValueAtQuantile(0.95));
    m.put("utilization", utilization(hour, concurrencyPerReplica));
    m.put("daily_spend_usd", day == null ? null : Money.usd(day.visibleMicros));
    m.put("daily_budget_usd", Money.usd(dailyBudgetMicros));
    m.put("billed_to_metered_ratio", billedToMeteredRatio);
    return m;
  }

  /** Busy time of warm requests over ready replica time x concurrency, clamped to [0, 1]. */
  public static Double utilization(SliceStats hour, double concurrencyPerReplica) {
    if (hour.readyReplicaMs <= 0) {
      return null;
    }
    double busyMs = hour.busyMicros / 1000.0;
    double capacityMs = hour.readyReplicaMs * concurrencyPerReplica;
    return Math.max(0.0, Math.min(1.0, busyMs / capacityMs));
  }
}
