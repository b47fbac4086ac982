package io.burnrate.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes small export files for tests: each test states only its rows. */
final class Exports {
  static final String HEADER = String.join(",", BillingFields.ALL);

  private Exports() {}

  /** A valid CSV row of the default header. */
  static String row(String lineItem, String endpoint, String start, String end, String costUsd) {
    return String.join(",", lineItem, endpoint, start, end, "COMPUTE", "nvidia-l4", "us-east-1", "1", "instance-hour",
        costUsd);
  }

  /** A valid JSON Lines row. */
  static String jsonRow(String lineItem, String endpoint, String start, String end, String costUsd) {
    return "{\"line_item_id\":\"" + lineItem + "\",\"endpoint_id\":\"" + endpoint + "\",\"usage_start\":\"" + start
        + "\",\"usage_end\":\"" + end + "\",\"category\":\"EGRESS\",\"region\":\"eu-west-1\",\"quantity\":2.5,"
        + "\"unit\":\"GB\",\"cost_usd\":" + costUsd + "}";
  }

  static Path csv(Path dir, String name, String... rows) {
    return write(dir.resolve(name), HEADER, rows);
  }

  static Path write(Path file, String firstLine, String... rows) {
    StringBuilder text = new StringBuilder();
    if (firstLine != null) {
      text.append(firstLine).append('\n');
    }
    for (String row : rows) {
      text.append(row).append('\n');
    }
    return write(file, text.toString());
  }

  static Path write(Path file, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (file.getFileName().toString().endsWith(".gz")) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
          out.write(bytes);
        }
      } else {
        Files.write(file, bytes);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
