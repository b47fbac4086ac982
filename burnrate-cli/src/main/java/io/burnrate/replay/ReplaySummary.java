package io.burnrate.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param files the export files read, in the order read
 * @param rowsRead rows read (valid plus rejected)
 * @param valid rows that passed validation
 * @param sent rows stored in the topic (acknowledged); 0 in a dry run
 * @param rejected rows rejected
 * @param rejectFiles each reject file written, with its number of rows
 * @param likelyLate valid rows ending more than the billing grace before a row sent ahead of them
 * @param dryRun whether this was a dry run
 */
public record ReplaySummary(
    List<Path> files, long rowsRead, long valid, long sent, long rejected, Map<Path, Long> rejectFiles,
    long likelyLate, boolean dryRun) {

  public ReplaySummary {
    files = List.copyOf(files);
    rejectFiles = Collections.unmodifiableMap(new LinkedHashMap<>(rejectFiles));
  }

  /** Whether every row read was either sent or rejected. */
  public boolean complete() {
    return rowsRead == (dryRun ? valid : sent) + rejected;
  }

  /** The summary for people, one line per fact. */
  public List<String> describe(String topic, long billingGraceMs) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("files:    %d", files.size()));
    lines.add(String.format("read:     %,d rows", rowsRead));
    lines.add(dryRun
        ? String.format("sent:     none, dry run (%,d valid rows would be sent to %s)", valid, topic)
        : String.format("sent:     %,d to %s", sent, topic));
    if (rejected == 0) {
      lines.add("rejected: 0");
    } else {
      List<String> where = new ArrayList<>();
      rejectFiles.forEach((file, count) -> where.add(String.format("%s (%,d)", file, count)));
      lines.add(String.format("rejected: %,d, with the reasons in %s", rejected, String.join(", ", where)));
    }
    if (likelyLate > 0) {
      lines.add(String.format("warning:  %,d rows end more than %d h before a row sent ahead of them; the pipeline"
          + " dead-letters such rows as late. Sort the export by usage_end, or replay with --sort",
          likelyLate, Duration.ofMillis(billingGraceMs).toHours()));
    }
    return lines;
  }
}
