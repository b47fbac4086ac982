package io.burnrate.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The export formats a replay reads, told apart by the file name; {@code .gz} means gzip. */
public enum ExportFormat {
  CSV(List.of(".csv", ".csv.gz"), ".rejects.csv"),
  JSON_LINES(List.of(".jsonl", ".jsonl.gz", ".json.gz"), ".rejects.jsonl");

  /** The suffixes a replay reads, for messages. */
  public static final String SUFFIXES = "*.csv, *.csv.gz, *.jsonl, *.jsonl.gz, *.json.gz";

  private final List<String> suffixes;
  private final String rejectSuffix;

  ExportFormat(List<String> suffixes, String rejectSuffix) {
    this.suffixes = suffixes;
    this.rejectSuffix = rejectSuffix;
  }

  /** The format of {@code file} by its name, or empty when it is no export (or a replay's own reject file). */
  public static Optional<ExportFormat> of(Path file) {
    String name = lowerName(file);
    if (isRejectFile(file)) {
      return Optional.empty();
    }
    for (ExportFormat format : values()) {
      for (String suffix : format.suffixes) {
        if (name.endsWith(suffix)) {
          return Optional.of(format);
        }
      }
    }
    return Optional.empty();
  }

  public static boolean isGzip(Path file) {
    return lowerName(file).endsWith(".gz");
  }

  /** Whether {@code file} is a reject file a replay wrote (never read as input). */
  public static boolean isRejectFile(Path file) {
    String name = lowerName(file);
    for (ExportFormat format : values()) {
      if (name.endsWith(format.rejectSuffix)) {
        return true;
      }
    }
    return false;
  }

  /** Where the rejected rows of {@code input} go: next to it, {@code <input>.rejects.csv} or {@code .jsonl}. */
  public Path rejectFileFor(Path input) {
    return input.resolveSibling(input.getFileName() + rejectSuffix);
  }

  private static String lowerName(Path file) {
    Path name = file.getFileName();
    return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
  }
}
