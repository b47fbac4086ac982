package io.burnrate.replay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which column (CSV) or key (JSON Lines) of an export holds each {@code BillingEvent} field. A field
 * not mapped is read from the column of its own name, so an export with the default header needs no
 * mapping and an AWS CUR-like one maps only what differs, e.g. {@code cost_usd=lineItem/UnblendedCost}.
 */
public final class ColumnMapping {
  private final Map<String, String> sources;

  private ColumnMapping(Map<String, String> sources) {
    this.sources = sources;
  }

  /** Every field read from the column of its own name. */
  public static ColumnMapping defaults() {
    return new ColumnMapping(Map.of());
  }

  /**
   * @param fieldToColumn target field to source column, e.g. {@code cost_usd -> lineItem/UnblendedCost}
   * @throws IllegalArgumentException naming a target that is no {@code BillingEvent} field, or an empty column
   */
  public static ColumnMapping of(Map<String, String> fieldToColumn) {
    Map<String, String> checked = new LinkedHashMap<>();
    fieldToColumn.forEach((field, column) -> {
      String target = field == null ? "" : field.trim();
      if (!BillingFields.isField(target)) {
        throw new IllegalArgumentException("--map " + field + "=" + column + ": '" + field
            + "' is no billing field; the fields are " + String.join(", ", BillingFields.ALL));
      }
      if (column == null || column.isBlank()) {
        throw new IllegalArgumentException("--map " + field + "=: name the export's column after the '='");
      }
      checked.put(target, column.trim());
    });
    return new ColumnMapping(Collections.unmodifiableMap(checked));
  }

  /** The column or key that holds {@code field}. */
  public String columnOf(String field) {
    return sources.getOrDefault(field, field);
  }

  /** Whether {@code field} was mapped explicitly (then its column must exist). */
  public boolean isMapped(String field) {
    return sources.containsKey(field);
  }

  @Override
  public String toString() {
    return sources.isEmpty() ? "default columns" : sources.toString();
  }
}
