package io.burnrate.core;

/**
 * Money inside the pipeline is whole micro-dollars ({@code long}), so that the order of additions
 * never changes a total and "exactly at the threshold" is exact. Doubles exist only on the wire.
 */
public final class Money {
  public static final long MICROS_PER_DOLLAR = 1_000_000L;

  private Money() {}

  public static long micros(double usd) {
    return Math.round(usd * MICROS_PER_DOLLAR);
  }

  public static double usd(long micros) {
    return micros / (double) MICROS_PER_DOLLAR;
  }

  /** {@code micros * part / whole}, rounded half up, without overflow for realistic amounts. */
  public static long share(long micros, long part, long whole) {
    if (whole <= 0) {
      return micros;
    }
    return Math.round((double) micros * part / whole);
  }

  /** Cost of running something priced per hour for {@code millis} milliseconds. */
  public static long forDuration(long microsPerHour, long millis) {
    return Math.round((double) microsPerHour * millis / Time.HOUR_MS);
  }

  public static String format(long micros) {
    double usd = usd(micros);
    return usd >= 100 ? String.format("$%,.0f", usd) : String.format("$%,.2f", usd);
  }
}
