package io.burnrate.alertmanager;

import java.time.Duration;

/**
 * Exponential backoff between attempts: {@code initial}, twice that, ... never more than {@code max},
 * and at most {@code attempts} attempts in all.
 */
public record Backoff(Duration initial, Duration max, int attempts) {

  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 10);

  public Backoff {
    if (initial.isNegative() || max.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max, got initial " + initial
          + " and max " + max);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("backoff needs at least 1 attempt, got " + attempts);
    }
  }

  /** The wait after failed attempt number {@code failed} (1 for the first failure). */
  public Duration delayAfter(int failed) {
    Duration delay = initial;
    for (int i = 1; i < failed && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** The longest all attempts can wait in total (requests themselves not counted). */
  public Duration totalDelay() {
    Duration total = Duration.ZERO;
    for (int failed = 1; failed < attempts; failed++) {
      total = total.plus(delayAfter(failed));
    }
    return total;
  }
}
