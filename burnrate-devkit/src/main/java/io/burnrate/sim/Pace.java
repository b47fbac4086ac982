package io.burnrate.sim;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Holds records back so that simulated time advances at {@code speed} simulated seconds per real
 * second from the first record on (720: a day in two minutes). {@link #unpaced()} never waits.
 */
public final class Pace {
  /** Waits are skipped when shorter than this, so that a dense stream does not sleep per record. */
  static final long MIN_SLEEP_MS = 5;

  /** How to wait; {@link Thread#sleep(long)} in production, a recorder in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final double speed;
  private final long simulatedStartMs;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long realStartNanos;
  private boolean started;

  private Pace(double speed, long simulatedStartMs, LongSupplier nanoTime, Sleeper sleeper) {
    this.speed = speed;
    this.simulatedStartMs = simulatedStartMs;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  public static Pace unpaced() {
    return new Pace(Double.POSITIVE_INFINITY, 0, System::nanoTime, Thread::sleep);
  }

  /** {@code speed} simulated seconds per real second, simulated time counted from {@code simulatedStart}. */
  public static Pace of(double speed, Instant simulatedStart) {
    return of(speed, simulatedStart, System::nanoTime, Thread::sleep);
  }

  static Pace of(double speed, Instant simulatedStart, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be more than 0 simulated seconds per second, was " + speed);
    }
    return new Pace(speed, simulatedStart.toEpochMilli(), nanoTime, sleeper);
  }

  public boolean isPaced() {
    return speed != Double.POSITIVE_INFINITY;
  }

  public double speed() {
    return speed;
  }

  /** Returns once real time has caught up with a record appearing at {@code appearsAt}. */
  public void await(long appearsAt) throws InterruptedException {
    if (!isPaced()) {
      return;
    }
    if (!started) {
      started = true;
      realStartNanos = nanoTime.getAsLong();
    }
    double dueMs = Math.max(0, appearsAt - simulatedStartMs) / speed;
    long elapsedMs = (nanoTime.getAsLong() - realStartNanos) / 1_000_000;
    long ahead = (long) dueMs - elapsedMs;
    if (ahead >= MIN_SLEEP_MS) {
      sleeper.sleep(ahead);
    }
  }
}
