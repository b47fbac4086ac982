package io.burnrate.bench;

import io.burnrate.sim.SimDurations;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the bench's command line: what {@link SimDurations} reads, and milliseconds such as {@code 200ms}. */
public final class BenchDurations {
  private static final Pattern MILLIS = Pattern.compile("\\s*(\\d+)\\s*ms\\s*");

  private BenchDurations() {}

  /** @throws IllegalArgumentException naming what is allowed */
  public static Duration parse(String text) {
    Matcher millis = MILLIS.matcher(text == null ? "" : text);
    if (millis.matches()) {
      return Duration.ofMillis(Long.parseLong(millis.group(1)));
    }
    try {
      return SimDurations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration such as 200ms, 90s, 6h, 1d or PT6H");
    }
  }
}
