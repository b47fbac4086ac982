package io.burnrate.replay;

/**
 * Why a row was rejected: the field at fault (null when the row as a whole is unreadable) and what
 * is wrong with it, in words a person fixing the export understands.
 */
public record RowProblem(String field, String message) {

  public static RowProblem of(String field, String message) {
    return new RowProblem(field, message);
  }

  public static RowProblem ofRow(String message) {
    return new RowProblem(null, message);
  }

  /** Like {@code bill-2026-11.csv:17: usage_end: before usage_start}. */
  public String describe(String fileName, long line) {
    return fileName + ":" + line + ": " + (field == null ? "" : field + ": ") + message;
  }
}
