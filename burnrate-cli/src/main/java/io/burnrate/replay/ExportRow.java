package io.burnrate.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One row of an export as read, before validation.
 *
 * @param file the export it comes from
 * @param line the line it starts on (1 is a CSV file's header)
 * @param cells the row's CSV cells as they were (for the reject file), or null for JSON Lines
 * @param text the row's JSON text as it was, or null for CSV
 * @param values each billing field's text as found (null: absent), under its field name
 * @param problem why the row cannot be read at all (wrong column count, not a JSON object), or null
 */
public record ExportRow(
    Path file, long line, List<String> cells, String text, Map<String, String> values, RowProblem problem) {

  /** The file's name, as rejects and messages show it. */
  public String fileName() {
    return String.valueOf(file.getFileName());
  }

  /** Like {@code bill-2026-11.csv:17}. */
  public String origin() {
    return fileName() + ":" + line;
  }
}
