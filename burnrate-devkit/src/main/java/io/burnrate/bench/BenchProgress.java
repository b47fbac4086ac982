package io.burnrate.bench;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/** Progress lines for long work (on stderr): every step, and a running count at most every few seconds. */
public final class BenchProgress {
  public static final BenchProgress SILENT = new BenchProgress(null);
  private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final PrintWriter err;
  private long lastCountAt;

  public BenchProgress(PrintWriter err) {
    this.err = err;
  }

  public void step(String line) {
    if (err != null) {
      err.println("bench: " + line);
      err.flush();
    }
  }

  /** A running count, printed only when a few seconds passed since the last one. */
  public void count(String what, long done, long total) {
    long now = System.nanoTime();
    if (err == null || now - lastCountAt < EVERY_NANOS) {
      return;
    }
    lastCountAt = now;
    step(String.format(java.util.Locale.ROOT, "%s: %,d of %,d", what, done, total));
  }
}
