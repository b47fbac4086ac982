package io.burnrate.engine;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import java.time.ZoneId;

/**
 * One endpoint-hour as {@code cost.metrics.hourly} carries it (docs/contract.md): flat, with null where a
 * value does not exist (cost per request with no request, utilization with no ready replica). Beyond
 * the contract's fields, {@code billed_to_metered_ratio} is the hour's billing drift (the trailing
 * ratio over closed hours is the gauge of {@link BillingDrift}).
 */
public final class HourlyMetrics {
  public static final int SCHEMA_VERSION = 1;

  private HourlyMetrics() {}

  /**
   * The endpoint-hour with its own billing drift (billed over metered once its bill is in) and its
   * budget day's spend through the end of the hour: both from the hour's and the day's slices, so the
   * figures do not depend on when they are emitted.
   */
  public static Map<String, Object> of(
      String endpointId, SliceStats hour, EndpointSettings settings, double concurrencyPerReplica,
      LongFunction<SliceStats> sliceAt) {
    long daySpend = daySpendThrough(hour.sliceEnd, settings.zone(), sliceAt);
    long metered = hour.meteredMicros();
    long billed = hour.billedMeterableMicros();
    Double drift = metered > 0 && billed > 0 ? (double) billed / metered : null;
    return of(endpointId, hour, daySpend, settings.dailyBudgetMicros(), concurrencyPerReplica, drift);
  }

  /** The budget day's spend (per slice, the larger of metered and billed) from its start to {@code until}. */
  public static long daySpendThrough(long until, ZoneId zone, LongFunction<SliceStats> sliceAt) {
    long total = 0;
    for (long s = Time.dayStart(until - 1, zone); s < until; s = Time.sliceEnd(s, zone)) {
      SliceStats slice = sliceAt.apply(Time.sliceStart(s, zone));
      if (slice != null) {
        total += slice.visibleMicros();
      }
    }
    return total;
  }

  /** The JSON object's fields, in contract order. */
  public static Map<String, Object> of(
      String endpointId, SliceStats hour, long daySpendMicros, long dailyBudgetMicros,
      double concurrencyPerReplica, Double billedToMeteredRatio) {
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
    m.put("daily_spend_usd", Money.usd(daySpendMicros));
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
