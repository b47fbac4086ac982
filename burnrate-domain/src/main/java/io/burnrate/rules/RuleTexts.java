package io.burnrate.rules;

import java.time.ZoneOffset;
import io.burnrate.core.Time;

/** Small pieces of wording the rules' messages share. */
final class RuleTexts {
  private RuleTexts() {}

  /** A threshold as configured: "10", not "10.0"; "0.5" as it is. */
  static String plain(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /**
   * A ratio as a percentage with at least two decimals and as many more as it takes to tell it from
   * {@code other}: "1.00 %" next to "1.46 %", "1.0004 %" next to "1.00 %".
   */
  static String percent(double ratio, double other) {
    for (int decimals = 2; decimals < 9; decimals++) {
      String mine = String.format(java.util.Locale.ROOT, "%." + decimals + "f", ratio * 100);
      if (ratio == other || Double.isNaN(other)
          || !mine.equals(String.format(java.util.Locale.ROOT, "%." + decimals + "f", other * 100))) {
        return mine + " %";
      }
    }
    return String.format(java.util.Locale.ROOT, "%.9f %%", ratio * 100);
  }

  /** Dollars with as many digits as it takes to tell them from {@code other}: "$0.8812" next to "$0.88". */
  static String usd(double value, double other) {
    return "$" + AlertFigures.number(value, "USD", other);
  }

  static String utcHour(long hourStart) {
    return Time.hhmm(hourStart, ZoneOffset.UTC);
  }
}
