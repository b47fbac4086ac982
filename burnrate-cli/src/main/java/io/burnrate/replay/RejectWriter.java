package io.burnrate.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the rejected rows of one export next to it ({@link ExportFormat#rejectFileFor}), each as it
 * was plus the reason: for CSV the original cells and a {@code reason} column (under the original
 * header; a short row is padded so the reason stays in its column), for JSON Lines one object per
 * line with {@code reason} and the original {@code row} text. The file is created at the first
 * reject; a reject file left by an earlier replay of the same input is replaced, so it always
 * describes the latest run.
 */
public final class RejectWriter implements Closeable {
  public static final String REASON_COLUMN = "reason";

  private static final CsvMapper CSV = new CsvMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final ExportFormat format;
  private final List<String> header;
  private BufferedWriter out;
  private SequenceWriter csvRows;
  private long count;

  private RejectWriter(Path file, ExportFormat format, List<String> header) {
    this.file = file;
    this.format = format;
    this.header = header;
  }

  /**
   * The reject writer of {@code input}; removes an earlier run's reject file.
   *
   * @param header the input's CSV header (empty for JSON Lines)
   */
  public static RejectWriter forInput(Path input, ExportFormat format, List<String> header) {
    Path file = format.rejectFileFor(input);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace the old reject file " + file + ": " + e.getMessage(), e);
    }
    return new RejectWriter(file, format, List.copyOf(header));
  }

  /** Writes {@code row} with {@code reason} (like {@code bill.csv:17: usage_end: before usage_start}). */
  public void write(ExportRow row, String reason) {
    try {
      if (out == null) {
        open();
      }
      if (format == ExportFormat.CSV) {
        List<String> cells = new ArrayList<>(row.cells() == null ? List.of() : row.cells());
        while (cells.size() < header.size()) {
          cells.add("");
        }
        cells.add(reason);
        csvRows.write(cells);
      } else {
        Map<String, String> line = new LinkedHashMap<>();
        line.put(REASON_COLUMN, reason);
        line.put("row", row.text());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
      }
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reject file " + file + ": " + e.getMessage(), e);
    }
  }

  private void open() throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    if (format == ExportFormat.CSV) {
      csvRows = CSV.writer(CsvSchema.emptySchema()).writeValues(out);
      List<String> columns = new ArrayList<>(header);
      columns.add(REASON_COLUMN);
      csvRows.write(columns);
    }
  }

  /** Where the rejects go (whether or not any was written). */
  public Path file() {
    return file;
  }

  /** Rows written so far. */
  public long count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    if (csvRows != null) {
      csvRows.close();
    }
    if (out != null) {
      out.close();
    }
  }
}
