package io.burnrate.tail;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** A record as a flat map of its contract field names; instants as epoch milliseconds, enums by name. */
public final class RecordJson {
  private RecordJson() {}

  public static Map<String, Object> of(SpecificRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      out.put(field.name(), plain(record.get(field.pos())));
    }
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof CharSequence || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k.toString(), plain(v)));
      return copy;
    }
    return value;
  }
}
