package io.burnrate.replay;

import java.util.function.LongSupplier;

/**
 * A token bucket that holds a replay to {@code rowsPerSecond}. Tokens refill continuously; the
 * bucket holds a tenth of a second's worth (at least one), so a late wake-up is made up for without
 * a burst. The clock and the sleep are injected, so waits can be tested without waiting.
 */
public final class Throttle {
  private static final double NANOS_PER_SECOND = 1e9;

  /** Sleeps a number of nanoseconds. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final double tokensPerNano;
  private final double capacity;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private double tokens;
  private long last;

  private Throttle(double rowsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.tokensPerNano = rowsPerSecond / NANOS_PER_SECOND;
    this.capacity = Math.max(1.0, rowsPerSecond / 10.0);
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.tokens = capacity;
    this.last = nanoTime.getAsLong();
  }

  /** No limit: {@link #acquire()} never waits. */
  public static Throttle unlimited() {
    return new Throttle(Double.POSITIVE_INFINITY, () -> 0L, nanos -> { });
  }

  /** At most {@code rowsPerSecond} rows a second, on the system clock. */
  public static Throttle perSecond(double rowsPerSecond) {
    return perSecond(rowsPerSecond, System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L)));
  }

  /** At most {@code rowsPerSecond} rows a second, on the given clock and sleep. */
  public static Throttle perSecond(double rowsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
      throw new IllegalArgumentException("the rate must be a positive number of rows per second, not "
          + rowsPerSecond);
    }
    return new Throttle(rowsPerSecond, nanoTime, sleeper);
  }

  public boolean isLimited() {
    return !Double.isInfinite(tokensPerNano);
  }

  /**
   * Takes one token, first sleeping until one is there.
   *
   * @return the nanoseconds slept
   */
  public long acquire() throws InterruptedException {
    if (!isLimited()) {
      return 0;
    }
    long slept = 0;
    refill();
    while (tokens < 1.0) {
      long wait = (long) Math.ceil((1.0 - tokens) / tokensPerNano);
      sleeper.sleep(wait);
      slept += wait;
      refill();
    }
    tokens -= 1.0;
    return slept;
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
    last = now;
  }
}
