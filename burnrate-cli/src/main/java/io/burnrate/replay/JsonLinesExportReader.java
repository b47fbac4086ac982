package io.burnrate.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A JSON Lines export: one JSON object per line, keyed by the billing field names (or mapped keys). */
final class JsonLinesExportReader implements BillingExportReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;
  private final BufferedReader reader;
  private final CountingInputStream counted;
  private final ColumnMapping mapping;
  private long lineNumber;
  private ExportRow pending;

  JsonLinesExportReader(Path file, Reader reader, CountingInputStream counted, ColumnMapping mapping) {
    this.file = file;
    this.reader = new BufferedReader(reader, 1 << 16);
    this.counted = counted;
    this.mapping = mapping;
  }

  @Override
  public ExportFormat format() {
    return ExportFormat.JSON_LINES;
  }

  @Override
  public List<String> header() {
    return List.of();
  }

  @Override
  public long bytesRead() {
    return counted.count();
  }

  @Override
  public boolean hasNext() {
    if (pending == null) {
      pending = readRow();
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
    String text;
    try {
      do {
        text = reader.readLine();
        lineNumber++;
      } while (text != null && text.isBlank());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read after line " + (lineNumber - 1) + ": "
          + e.getMessage(), e);
    }
    if (text == null) {
      return null;
    }
    if (lineNumber == 1 && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return new ExportRow(file, lineNumber, null, text, Map.of(), RowProblem.ofRow("not JSON: "
          + e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      return new ExportRow(file, lineNumber, null, text, Map.of(), RowProblem.ofRow("not a JSON object"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : BillingFields.ALL) {
      JsonNode value = node.get(mapping.columnOf(field));
      if (value != null && value.isContainerNode()) {
        return new ExportRow(file, lineNumber, null, text, Map.of(), RowProblem.of(field,
            "key '" + mapping.columnOf(field) + "' holds " + (value.isArray() ? "an array" : "an object")
                + ", not a value"));
      }
      values.put(field, value == null || value.isNull() ? null : value.asText().trim());
    }
    return new ExportRow(file, lineNumber, null, text, values, null);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
