package io.burnrate.http;

import io.burnrate.schema.CostAlert;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A {@link CostAlert} as a flat JSON object: the contract's field names, instants as epoch
 * milliseconds (as on {@code cost.metrics.hourly}), enums by symbol, absent optionals as null.
 */
final class AlertJson {
  /** Active alerts listed by endpoint, then detection time, then id: the same order on every instance. */
  static final Comparator<Map<String, Object>> ORDER = Comparator
      .<Map<String, Object>, String>comparing(a -> String.valueOf(a.get("endpoint_id")))
      .thenComparingLong(a -> a.get("detected_at") instanceof Number n ? n.longValue() : 0L)
      .thenComparing(a -> String.valueOf(a.get("alert_id")));

  private AlertJson() {}

  static Map<String, Object> of(CostAlert alert) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Schema.Field field : alert.getSchema().getFields()) {
      json.put(field.name(), plain(alert.get(field.pos())));
    }
    return json;
  }

  private static Object plain(Object value) {
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Enum<?> symbol) {
      return symbol.name();
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    return value;
  }
}
