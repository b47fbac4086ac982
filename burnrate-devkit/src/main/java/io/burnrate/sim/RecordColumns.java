package io.burnrate.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record's fields as columns, in schema order, named as in the contract: instants as ISO-8601 UTC
 * ({@code 2026-11-02T09:00:00.250Z}), enums by symbol, numbers in plain notation, null as empty (CSV)
 * or null (JSON), maps as JSON objects.
 */
final class RecordColumns {
  private RecordColumns() {}

  static List<String> names(Schema schema) {
    List<String> names = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      names.add(field.name());
    }
    return names;
  }

  /** The CSV cells of {@code record}. */
  static List<String> cells(SpecificRecord record) {
    List<String> cells = new ArrayList<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      cells.add(text(record.get(field.pos())));
    }
    return cells;
  }

  /** Field name to a JSON-ready value (String, Number, Boolean, Map or null), in schema order. */
  static Map<String, Object> json(SpecificRecord record) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      values.put(field.name(), jsonValue(record.get(field.pos())));
    }
    return values;
  }

  private static Object jsonValue(Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), jsonValue(v)));
      return sorted;
    }
    return text(value);
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? Long.toString(d.longValue())
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      new TreeMap<>(stringKeys(map)).forEach((k, v) -> {
        if (out.length() > 1) {
          out.append(',');
        }
        out.append('"').append(k).append("\":").append(text(v));
      });
      return out.append('}').toString();
    }
    return value.toString();
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** One CSV line (RFC 4180 quoting where needed), without the line break. */
  static String csvLine(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String cell = cells.get(i);
      if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
        line.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        line.append(cell);
      }
    }
    return line.toString();
  }
}
