package io.burnrate.sim;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: {@code 1d}, {@code 6h}, {@code 1h30m}, {@code 90s}, or ISO-8601 {@code PT6H}. */
public final class SimDurations {
  public static final String ALLOWED = "a duration such as 1d, 7d, 6h, 1h30m, 90s or ISO-8601 PT6H";

  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

  private SimDurations() {}

  /**
   * @throws IllegalArgumentException naming what is allowed, for text that is no duration
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not " + ALLOWED);
      }
    }
    Matcher matcher = PART.matcher(trimmed.toLowerCase(Locale.ROOT));
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      long amount = Long.parseLong(matcher.group(1));
      total = total.plus(switch (matcher.group(2)) {
        case "d" -> Duration.ofDays(amount);
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofSeconds(amount);
      });
      end = matcher.end();
    }
    if (end == 0 || end != trimmed.length()) {
      throw new IllegalArgumentException("'" + text + "' is not " + ALLOWED);
    }
    return total;
  }

  /** A short form for messages: {@code 1d}, {@code 2h30m}. */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    StringBuilder out = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (seconds >= units[i]) {
        out.append(seconds / units[i]).append(names[i]);
        seconds %= units[i];
      }
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
