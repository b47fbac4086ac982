package io.burnrate.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Typed query parameters; a bad value is a 400 naming the parameter and the accepted forms. */
final class Params {
  private Params() {}

  /**
   * An instant given as epoch milliseconds ({@code 1772445600000}) or ISO-8601 ({@code
   * 2026-03-02T10:00:00Z}, {@code 2026-03-02T11:00:00+01:00}); null when the parameter is absent.
   */
  static Long instant(ApiRequest request, String name) {
    String value = request.param(name);
    if (value == null) {
      return null;
    }
    if (value.matches("-?\\d{1,18}")) {
      return Long.parseLong(value);
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeException notAnInstant) {
      try {
        // A '+' in an unencoded query arrives as a space.
        return OffsetDateTime.parse(value.replace(' ', '+')).toInstant().toEpochMilli();
      } catch (DateTimeException notAnOffsetTime) {
        throw HttpProblem.badParameter(name, "parameter '" + name + "': '" + value + "' is neither an ISO-8601 "
            + "instant (e.g. 2026-03-02T10:00:00Z) nor epoch milliseconds (e.g. 1772445600000)");
      }
    }
  }
}
