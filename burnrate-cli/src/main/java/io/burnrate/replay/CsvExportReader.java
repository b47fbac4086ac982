package io.burnrate.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A CSV export: a header line naming the columns, then one row per line item (RFC 4180 quoting). */
final class CsvExportReader implements BillingExportReader {
  private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int COLUMNS_SHOWN = 12;

  private final Path file;
  private final CsvParser parser;
  private final CountingInputStream counted;
  private final List<String> header;
  private final Map<String, Integer> fieldColumns;
  private ExportRow pending;
  private boolean done;

  private CsvExportReader(Path file, CsvParser parser, CountingInputStream counted, List<String> header,
      Map<String, Integer> fieldColumns) {
    this.file = file;
    this.parser = parser;
    this.counted = counted;
    this.header = header;
    this.fieldColumns = fieldColumns;
  }

  static CsvExportReader open(Path file, Reader reader, CountingInputStream counted, ColumnMapping mapping)
      throws IOException {
    CsvParser parser = MAPPER.getFactory().createParser(reader);
    parser.setSchema(CsvSchema.emptySchema());
    List<String> header;
    try {
      header = readCells(parser);
    } catch (JsonProcessingException e) {
      parser.close();
      throw new ReplayInputException(file + ":1: the header line is not CSV (" + e.getOriginalMessage() + ")", e);
    }
    if (header == null) {
      parser.close();
      throw new ReplayInputException(file + ": empty, not even a header line; the default header is "
          + String.join(",", BillingFields.ALL));
    }
    if (!header.isEmpty() && !header.get(0).isEmpty() && header.get(0).charAt(0) == BYTE_ORDER_MARK) {
      header.set(0, header.get(0).substring(1));
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = header.size() - 1; i >= 0; i--) {
      columns.put(header.get(i).trim(), i);
    }
    Map<String, Integer> fieldColumns = new LinkedHashMap<>();
    for (String field : BillingFields.ALL) {
      String column = mapping.columnOf(field);
      Integer index = columns.get(column);
      if (index == null && (mapping.isMapped(field) || !BillingFields.isOptional(field))) {
        parser.close();
        throw new ReplayInputException(file + ":1: no column '" + column + "' for " + field + " (the header has "
            + shown(header) + "); map another column with --map " + field + "=COLUMN");
      }
      fieldColumns.put(field, index);
    }
    return new CsvExportReader(file, parser, counted, Collections.unmodifiableList(header), fieldColumns);
  }

  @Override
  public ExportFormat format() {
    return ExportFormat.CSV;
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public long bytesRead() {
    return counted.count();
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !done) {
      pending = readRow();
      done = pending == null || done;
    }
    return pending != null;
  }

  @Override
  public ExportRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException(file + ": no more rows");
    }
    ExportRow row = pending;
    pending = null;
    return row;
  }

  private ExportRow readRow() {
    long line = parser.currentLocation().getLineNr();
    try {
      JsonToken start = parser.nextToken();
      if (start == null) {
        return null;
      }
      line = parser.currentLocation().getLineNr();
      List<String> cells = readRest(parser);
      if (cells.size() != header.size()) {
        return new ExportRow(file, line, cells, null, Map.of(), RowProblem.ofRow(
            cells.size() + " cells, but the header has " + header.size() + " columns"));
      }
      Map<String, String> values = new LinkedHashMap<>();
      fieldColumns.forEach((field, index) -> values.put(field, index == null ? null : cells.get(index).trim()));
      return new ExportRow(file, line, cells, null, values, null);
    } catch (JsonProcessingException e) {
      // The parser cannot find the next row after malformed CSV (an unclosed quote swallows the rest).
      done = true;
      return new ExportRow(file, Math.max(line, 1), List.of(), null, Map.of(),
          RowProblem.ofRow("not CSV, the rest of the file is skipped: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read after line " + line + ": " + e.getMessage(), e);
    }
  }

  /** The next row's cells, or null at the end. */
  private static List<String> readCells(CsvParser parser) throws IOException {
    return parser.nextToken() == null ? null : readRest(parser);
  }

  private static List<String> readRest(CsvParser parser) throws IOException {
    List<String> cells = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      cells.add(parser.getText());
    }
    return cells;
  }

  private static String shown(List<String> header) {
    List<String> names = header.size() > COLUMNS_SHOWN ? header.subList(0, COLUMNS_SHOWN) : header;
    String list = String.join(", ", names);
    return header.size() > COLUMNS_SHOWN ? list + ", ... (" + header.size() + " columns)" : list;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
