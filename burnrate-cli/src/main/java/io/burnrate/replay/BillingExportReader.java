package io.burnrate.replay;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Iterates the rows of one billing export, any supported format ({@link ExportFormat}), each with
 * its line number and its fields' text. Reading is lenient: a row that cannot be read becomes a row
 * with a {@link ExportRow#problem()}, so the replay can reject it and go on; only a file that cannot
 * be used at all fails to open.
 *
 * <pre>{@code
 * try (BillingExportReader rows = BillingExportReader.open(path, ColumnMapping.defaults())) {
 *   while (rows.hasNext()) { ExportRow row = rows.next(); ... }
 * }
 * }</pre>
 *
 * {@link #hasNext()} throws {@link UncheckedIOException} when the file stops being readable part way
 * (a truncated gzip, say).
 */
public interface BillingExportReader extends Iterator<ExportRow>, Closeable {

  /**
   * Opens {@code file} by its name's format and, for CSV, reads and checks its header.
   *
   * @throws ReplayInputException when the file is missing or unreadable, its format unknown, or its
   *     header lacks a column a field needs
   */
  static BillingExportReader open(Path file, ColumnMapping mapping) {
    ExportFormat format = ExportFormat.of(file).orElseThrow(() -> new ReplayInputException(
        file + ": not a billing export this replay reads; name it " + ExportFormat.SUFFIXES));
    CountingInputStream counted;
    try {
      // Counted above a buffer, so progress moves in the decoder's small steps, not the buffer's.
      counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    } catch (NoSuchFileException e) {
      throw new ReplayInputException(file + ": no such file");
    } catch (IOException e) {
      throw new ReplayInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    try {
      InputStream in = counted;
      if (ExportFormat.isGzip(file)) {
        in = new GZIPInputStream(in, 1 << 13);
      }
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT));
      return switch (format) {
        case CSV -> CsvExportReader.open(file, reader, counted, mapping);
        case JSON_LINES -> new JsonLinesExportReader(file, reader, counted, mapping);
      };
    } catch (CharacterCodingException e) {
      closeQuietly(counted);
      throw new ReplayInputException(file + ": not UTF-8 text (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      closeQuietly(counted);
      throw new ReplayInputException(file + ": cannot be read (" + e.getMessage() + "); is it really "
          + (ExportFormat.isGzip(file) ? "gzip" : "text") + "?", e);
    } catch (RuntimeException e) {
      closeQuietly(counted);
      throw e;
    }
  }

  ExportFormat format();

  /** The CSV header as it was (for the reject file), or empty for JSON Lines. */
  List<String> header();

  /** Bytes of the file (compressed, for gzip) consumed so far. */
  long bytesRead();

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // the open already failed; that error is the one to report
    }
  }
}
