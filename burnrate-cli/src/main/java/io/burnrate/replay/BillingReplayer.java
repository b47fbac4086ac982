package io.burnrate.replay;

import io.burnrate.schema.BillingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays billing exports into a {@link Sink}: every row is validated; a bad row goes to the reject
 * file next to its input with file, line, field and reason, and the replay goes on; valid rows are
 * sent in file order (or in {@code usage_end} order with {@link ReplayOptions#sortByTime()}), at the
 * throttle's pace. Every input is opened and its header checked before the first row is sent, so a
 * wrong mapping fails before anything is sent. Sending the same rows twice is harmless: the pipeline
 * de-duplicates line items by {@code line_item_id}.
 */
public final class BillingReplayer {
  private final RowValidator validator;

  public BillingReplayer(RowValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /**
   * @param inputs export files and directories ({@link ReplayInputs#expand})
   * @param sink where valid rows go; not used in a dry run (may then be null)
   * @return the counts, once every row is read and every sent row acknowledged
   * @throws ReplayInputException before anything is sent, when an input cannot be used
   * @throws ReplayFailedException when a row cannot be sent or an input stops being readable; it
   *     carries the counts until then
   */
  public ReplaySummary replay(List<Path> inputs, Sink sink, ReplayOptions options, ProgressListener progress) {
    List<Path> files = checkInputs(inputs, options.mapping());
    if (!options.dryRun()) {
      Objects.requireNonNull(sink, "sink");
    }
    Run run = new Run(files, sink, options, progress);
    try {
      run.readAll();
      if (options.sortByTime() && !options.dryRun()) {
        run.sendSorted();
      }
      if (!options.dryRun()) {
        sink.flush();
      }
    } catch (ReplayFailedException e) {
      progress.finished(run.progress());
      throw e.withPartial(run.summary());
    } catch (UncheckedIOException e) {
      progress.finished(run.progress());
      throw new ReplayFailedException(e.getMessage(), e.getCause(), run.summary());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      progress.finished(run.progress());
      throw new ReplayFailedException("interrupted while throttled", e, run.summary());
    }
    progress.finished(run.progress());
    return run.summary();
  }

  /**
   * The export files of {@code inputs} ({@link ReplayInputs#expand}), each opened once and its header
   * checked, so that a missing file, an unknown format or a missing column stops a replay before it
   * sends anything.
   *
   * @throws ReplayInputException naming every unusable input
   */
  public static List<Path> checkInputs(List<Path> inputs, ColumnMapping mapping) {
    List<Path> files = ReplayInputs.expand(inputs);
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        BillingExportReader.open(file, mapping).close();
      } catch (ReplayInputException e) {
        problems.add(e.getMessage());
      } catch (IOException e) {
        problems.add(file + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ReplayInputException(String.join(System.lineSeparator(), problems));
    }
    return files;
  }

  /** A valid row waiting to be sent in time order. */
  private record Pending(BillingEvent event, String origin) {}

  /** One replay's state and counters. */
  private final class Run {
    private final List<Path> files;
    private final Sink sink;
    private final ReplayOptions options;
    private final ProgressListener listener;
    private final long totalBytes;
    private final Map<Path, Long> rejectFiles = new LinkedHashMap<>();
    private final List<Pending> held = new ArrayList<>();
    private long bytesBefore;
    private long rowsRead;
    private long valid;
    private long rejected;
    private long likelyLate;
    private long latestEnd = Long.MIN_VALUE;
    private ReplayProgress last;

    Run(List<Path> files, Sink sink, ReplayOptions options, ProgressListener listener) {
      this.files = files;
      this.sink = sink;
      this.options = options;
      this.listener = listener;
      this.totalBytes = files.stream().mapToLong(Run::size).sum();
      this.last = new ReplayProgress(ReplayProgress.READING, null, 0, totalBytes, 0, 0);
    }

    void readAll() throws InterruptedException {
      for (Path file : files) {
        readFile(file);
      }
    }

    private void readFile(Path file) throws InterruptedException {
      String name = String.valueOf(file.getFileName());
      try (BillingExportReader rows = BillingExportReader.open(file, options.mapping());
          RejectWriter rejects = RejectWriter.forInput(file, rows.format(), rows.header())) {
        try {
          while (rows.hasNext()) {
            ExportRow row = rows.next();
            rowsRead++;
            RowValidator.Checked checked = validator.check(row);
            if (checked.ok()) {
              valid++;
              accept(checked.event(), row.origin());
            } else {
              rejected++;
              rejects.write(row, checked.problem().describe(row.fileName(), row.line()));
            }
            report(new ReplayProgress(ReplayProgress.READING, name, bytesBefore + rows.bytesRead(), totalBytes,
                rowsRead, rejected));
          }
        } finally {
          if (rejects.count() > 0) {
            rejectFiles.put(rejects.file(), rejects.count());
          }
        }
        bytesBefore += rows.bytesRead();
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }

    private void accept(BillingEvent event, String origin) throws InterruptedException {
      if (options.sortByTime()) {
        if (!options.dryRun()) {
          held.add(new Pending(event, origin));
        }
        return;
      }
      send(event, origin);
    }

    void sendSorted() throws InterruptedException {
      held.sort(Comparator.comparing((Pending p) -> p.event().getUsageEnd()));
      long sentSorted = 0;
      for (Pending pending : held) {
        send(pending.event(), pending.origin());
        sentSorted++;
        report(new ReplayProgress(ReplayProgress.SENDING, null, sentSorted, held.size(), sentSorted, rejected));
      }
      held.clear();
    }

    private void send(BillingEvent event, String origin) throws InterruptedException {
      long end = event.getUsageEnd().toEpochMilli();
      if (latestEnd != Long.MIN_VALUE && end < latestEnd - options.billingGraceMs()) {
        likelyLate++;
      }
      latestEnd = Math.max(latestEnd, end);
      if (options.dryRun()) {
        return;
      }
      if (!options.retention().allows(end)) {
        throw new ReplayFailedException(options.retention().refusal(event, origin), null);
      }
      options.throttle().acquire();
      sink.send(event, origin);
    }

    private void report(ReplayProgress progress) {
      last = progress;
      listener.update(progress);
    }

    ReplayProgress progress() {
      return last;
    }

    ReplaySummary summary() {
      long sent = options.dryRun() || sink == null ? 0 : sink.sent();
      return new ReplaySummary(files, rowsRead, valid, sent, rejected, rejectFiles, likelyLate, options.dryRun());
    }

    private static long size(Path file) {
      try {
        return Files.size(file);
      } catch (IOException e) {
        return 0;
      }
    }
  }
}
