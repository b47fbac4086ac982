package io.burnrate.sim;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

/**
 * A progress line every few seconds for long runs: how far simulated time has come, how many records
 * were written and how fast; and a summary at the end.
 */
public final class ProgressLine implements Progress {
  static final long INTERVAL_NANOS = 5_000_000_000L;

  private final PrintWriter out;
  private final long startMs;
  private final long endMs;
  private final LongSupplier nanoTime;
  private final long startedNanos;
  private long lastPrintNanos;
  private long records;
  private long lastAppearsAt;

  public ProgressLine(PrintWriter out, Instant start, Instant end) {
    this(out, start, end, System::nanoTime);
  }

  ProgressLine(PrintWriter out, Instant start, Instant end, LongSupplier nanoTime) {
    this.out = out;
    this.startMs = start.toEpochMilli();
    this.endMs = end.toEpochMilli();
    this.nanoTime = nanoTime;
    this.startedNanos = nanoTime.getAsLong();
    this.lastPrintNanos = startedNanos;
  }

  @Override
  public void onRecord(SimEvent event) {
    records++;
    lastAppearsAt = Math.max(lastAppearsAt, event.appearsAt());
    if ((records & 1023) == 0) {
      long now = nanoTime.getAsLong();
      if (now - lastPrintNanos >= INTERVAL_NANOS) {
        lastPrintNanos = now;
        out.println("simulate: " + line(now));
        out.flush();
      }
    }
  }

  @Override
  public void onFinish() {
    out.println("simulate: done, " + line(nanoTime.getAsLong()));
    out.flush();
  }

  String line(long now) {
    double seconds = Math.max(1e-9, (now - startedNanos) / 1e9);
    long reached = Math.min(lastAppearsAt, endMs);
    double percent = endMs > startMs ? 100.0 * Math.max(0, reached - startMs) / (endMs - startMs) : 100;
    return String.format(java.util.Locale.ROOT, "simulated time %s (%.0f%%), %,d records, %,.0f records/s",
        Instant.ofEpochMilli(reached).truncatedTo(ChronoUnit.SECONDS), percent, records, records / seconds);
  }
}
