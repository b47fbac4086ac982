package io.burnrate.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A progress bar with rate and ETA on a terminal, redrawn in place with {@code \r}; when the output
 * is no terminal (a log, a pipe), one plain line every so often instead.
 */
public final class ConsoleProgress implements ProgressListener {
  private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private long start = -1;
  private long lastPrinted;
  private int lastWidth;

  /**
   * @param out where to draw (stderr, so the summary on stdout stays clean)
   * @param terminal redraw a bar in place; else print a line every {@code lineInterval}
   * @param nanoTime the clock
   */
  public ConsoleProgress(PrintWriter out, boolean terminal, Duration lineInterval, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.intervalNanos = terminal ? REDRAW_NANOS : lineInterval.toNanos();
  }

  /** On stderr: a bar when a console is attached, else a line every 10 seconds. */
  public static ConsoleProgress onStderr(PrintWriter err) {
    return new ConsoleProgress(err, System.console() != null, Duration.ofSeconds(10), System::nanoTime);
  }

  @Override
  public void update(ReplayProgress progress) {
    long now = nanoTime.getAsLong();
    if (start < 0) {
      // Rate and ETA count from the first row, not from connecting to Kafka.
      start = now;
      lastPrinted = now;
    }
    if (now - lastPrinted < intervalNanos) {
      return;
    }
    lastPrinted = now;
    print(render(progress, now - start));
  }

  @Override
  public void finished(ReplayProgress progress) {
    if (terminal) {
      long now = nanoTime.getAsLong();
      print(render(progress, start < 0 ? 0 : now - start));
      out.println();
      out.flush();
    }
  }

  private void print(String line) {
    if (terminal) {
      int pad = Math.max(0, lastWidth - line.length());
      out.print("\r" + line + " ".repeat(pad));
      lastWidth = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Like {@code reading bill.csv [#########---------------]  38%  27,360 rows  5,472 rows/s  ETA 0:08}. */
  String render(ReplayProgress progress, long elapsedNanos) {
    StringBuilder line = new StringBuilder(progress.phase());
    if (progress.file() != null) {
      line.append(' ').append(progress.file());
    }
    if (progress.total() > 0) {
      int filled = (int) Math.round(progress.fraction() * BAR_WIDTH);
      line.append(" [").append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append(']')
          .append(String.format(" %3d%%", (int) Math.floor(progress.fraction() * 100)));
    }
    double seconds = elapsedNanos / 1e9;
    line.append(String.format("  %,d rows", progress.rows()));
    if (seconds > 0) {
      line.append(String.format("  %,d rows/s", Math.round(progress.rows() / seconds)));
    }
    if (progress.rejected() > 0) {
      line.append(String.format("  %,d rejected", progress.rejected()));
    }
    if (progress.total() > 0 && progress.done() > 0 && progress.done() < progress.total()) {
      long etaSeconds = Math.round(seconds * (progress.total() - progress.done()) / progress.done());
      line.append("  ETA ").append(clock(etaSeconds));
    }
    return line.toString();
  }

  private static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
  }
}
