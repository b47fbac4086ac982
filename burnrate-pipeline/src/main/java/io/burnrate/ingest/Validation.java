package io.burnrate.ingest;

import io.burnrate.rules.RuleCatalog;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Checks each input record against the contract. Returns the name of the first invalid field, or
 * empty when the record is valid. Event-time plausibility is checked by the caller, which knows the
 * stream time.
 */
public final class Validation {
  /** Ids longer than this are refused: they are keys of state stores and labels of alerts. */
  public static final int MAX_ID_LENGTH = 256;
  /**
   * The longest usage period one line item may cover: a month, the longest a provider bills at once.
   * A bill is split over every hour it covers, so a span of decades would be hundreds of thousands of
   * store writes for one record.
   */
  public static final Duration MAX_LINE_ITEM_SPAN = Duration.ofDays(31);

  private Validation() {}

  public static Optional<String> check(InferenceRequest r) {
    return first(
        id("request_id", r.getRequestId()),
        id("endpoint_id", r.getEndpointId()),
        instant("timestamp", r.getTimestamp()),
        text("region", r.getRegion()),
        text("instance_type", r.getInstanceType()),
        r.getReplicaId() == null ? null : id("replica_id", r.getReplicaId()),
        nonNegative("latency_ms", r.getLatencyMs()),
        r.getStatusCode() < 100 || r.getStatusCode() > 599 ? "status_code" : null,
        nonNegative("input_tokens", r.getInputTokens()),
        nonNegative("output_tokens", r.getOutputTokens()),
        nonNegative("queue_depth", r.getQueueDepth()));
  }

  public static Optional<String> check(ReplicaEvent e) {
    return first(
        id("event_id", e.getEventId()),
        id("endpoint_id", e.getEndpointId()),
        instant("timestamp", e.getTimestamp()),
        id("replica_id", e.getReplicaId()),
        type(e.getType()),
        e.getReplicasAfter() < 0 ? "replicas_after" : null,
        text("instance_type", e.getInstanceType()),
        text("region", e.getRegion()),
        nonNegative("model_size_gb", e.getModelSizeGb()),
        e.getStartupMs() != null && e.getStartupMs() < 0 ? "startup_ms" : null);
  }

  public static Optional<String> check(BillingEvent b) {
    return first(
        id("line_item_id", b.getLineItemId()),
        id("endpoint_id", b.getEndpointId()),
        instant("usage_start", b.getUsageStart()),
        instant("usage_end", b.getUsageEnd()),
        b.getUsageEnd() != null && b.getUsageStart() != null && b.getUsageEnd().isBefore(b.getUsageStart())
            ? "usage_end" : null,
        span(b.getUsageStart(), b.getUsageEnd()),
        text("region", b.getRegion()),
        nonNegative("quantity", b.getQuantity()),
        text("unit", b.getUnit()),
        nonNegative("cost_usd", b.getCostUsd()));
  }

  public static Optional<String> check(EndpointConfig c) {
    return first(
        id("endpoint_id", c.getEndpointId()),
        text("owner", c.getOwner()),
        nonNegative("daily_budget_usd", c.getDailyBudgetUsd()),
        nonNegative("hourly_price_usd", c.getHourlyPriceUsd()),
        c.getMinReplicas() < 0 ? "min_replicas" : null,
        c.getMaxReplicas() < c.getMinReplicas() ? "max_replicas" : null,
        c.getExpectedMaxReplicas() < 0 ? "expected_max_replicas" : null,
        text("instance_type", c.getInstanceType()),
        text("region", c.getRegion()),
        nonNegative("model_size_gb", c.getModelSizeGb()),
        c.getFallbackEndpointId() == null ? null : id("fallback_endpoint_id", c.getFallbackEndpointId()),
        zone(c.getTimezone()),
        thresholds(c.getThresholds()));
  }

  private static String id(String field, String value) {
    return value == null || value.isBlank() || value.length() > MAX_ID_LENGTH ? field : null;
  }

  private static String text(String field, String value) {
    return value == null || value.length() > MAX_ID_LENGTH ? field : null;
  }

  private static String instant(String field, Instant value) {
    return value == null ? field : null;
  }

  /** UNKNOWN is what a symbol newer than this reader resolves to: it carries no meaning to act on. */
  private static String type(ReplicaEventType type) {
    return type == null || type == ReplicaEventType.UNKNOWN ? "type" : null;
  }

  private static String span(Instant usageStart, Instant usageEnd) {
    if (usageStart == null || usageEnd == null) {
      return null;
    }
    return Duration.between(usageStart, usageEnd).compareTo(MAX_LINE_ITEM_SPAN) > 0 ? "usage_start" : null;
  }

  private static String nonNegative(String field, Number value) {
    if (value == null) {
      return null;
    }
    double d = value.doubleValue();
    return Double.isFinite(d) && d >= 0 ? null : field;
  }

  private static String zone(String timezone) {
    if (timezone == null) {
      return "timezone";
    }
    try {
      ZoneId.of(timezone);
      return null;
    } catch (DateTimeException e) {
      return "timezone";
    }
  }

  private static String thresholds(Map<String, Double> thresholds) {
    if (thresholds == null) {
      return "thresholds";
    }
    for (Map.Entry<String, Double> entry : thresholds.entrySet()) {
      if (!RuleCatalog.isRule(entry.getKey())) {
        // Not "thresholds.<key>": the reason is a header and a metric label, never the producer's free text.
        return "thresholds";
      }
      Double value = entry.getValue();
      if (value == null || !Double.isFinite(value) || value <= 0) {
        return "thresholds." + entry.getKey();
      }
    }
    return null;
  }

  private static Optional<String> first(String... failures) {
    for (String failure : failures) {
      if (failure != null) {
        return Optional.of(failure);
      }
    }
    return Optional.empty();
  }
}
