package io.burnrate.http;

import io.burnrate.ingest.Validation;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Typed query and path parameters; a bad value is a 400 naming the parameter and the accepted forms. */
final class Params {
  /** The earliest instant a query may name: 0001-01-01T00:00:00Z. */
  static final long MIN_INSTANT_MS = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
  /** The latest instant a query may name: 9999-12-31T23:59:59.999Z. */
  static final long MAX_INSTANT_MS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private Params() {}

  /**
   * The endpoint id of the path: any text the pipeline accepts as an {@code endpoint_id} (1 to
   * {@value Validation#MAX_ID_LENGTH} characters, {@code /} included), except control characters and
   * the path segments {@code .} and {@code ..}, which no endpoint is named and which only traverse.
   */
  static String endpointId(ApiRequest request, String name) {
    String id = request.pathParam(name);
    if (id == null || id.isBlank()) {
      throw HttpProblem.badParameter(name, "the endpoint id is empty; give it as /endpoints/{id}/...");
    }
    if (id.length() > Validation.MAX_ID_LENGTH) {
      throw HttpProblem.badParameter(name, "the endpoint id is " + id.length() + " characters long; endpoint ids "
          + "have at most " + Validation.MAX_ID_LENGTH);
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        throw HttpProblem.badParameter(name, "the endpoint id holds a control character (U+"
            + String.format("%04X", (int) id.charAt(i)) + ") at position " + (i + 1) + "; endpoint ids are printable");
      }
    }
    for (String segment : id.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw HttpProblem.badParameter(name, "the endpoint id holds the path segment '" + segment
            + "'; endpoint ids are names, not paths");
      }
    }
    return id;
  }

  /**
   * An instant given as epoch milliseconds ({@code 1772445600000}) or ISO-8601 ({@code
   * 2026-03-02T10:00:00Z}, {@code 2026-03-02T11:00:00+01:00}), within the years 1 to 9999; null when
   * the parameter is absent.
   */
  static Long instant(ApiRequest request, String name) {
    String value = request.param(name);
    if (value == null) {
      return null;
    }
    long millis = parseInstant(name, value);
    if (millis < MIN_INSTANT_MS || millis > MAX_INSTANT_MS) {
      throw HttpProblem.badParameter(name, "parameter '" + name + "': '" + value + "' lies outside the years "
          + "0001 to 9999");
    }
    return millis;
  }

  /**
   * Checks a range of which both ends were given: {@code from} before {@code to}, at most {@code
   * maxSpanMs} long.
   */
  static void range(Long from, Long to, long maxSpanMs) {
    if (from == null || to == null) {
      return;
    }
    if (from >= to) {
      throw HttpProblem.badParameter("from", "'from' (" + Instant.ofEpochMilli(from) + ") must be before 'to' ("
          + Instant.ofEpochMilli(to) + ")");
    }
    if (to - from > maxSpanMs) {
      throw HttpProblem.badParameter("from", "the range from " + Instant.ofEpochMilli(from) + " to "
          + Instant.ofEpochMilli(to) + " is longer than " + maxSpanMs / 86_400_000L + " days; ask for a shorter one");
    }
  }

  private static long parseInstant(String name, String value) {
    if (value.matches("-?\\d{1,18}")) {
      return Long.parseLong(value);
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeException | ArithmeticException notAnInstant) {
      try {
        // A '+' in an unencoded query arrives as a space.
        return OffsetDateTime.parse(value.replace(' ', '+')).toInstant().toEpochMilli();
      } catch (DateTimeException | ArithmeticException notAnOffsetTime) {
        throw HttpProblem.badParameter(name, "parameter '" + name + "': '" + value + "' is neither an ISO-8601 "
            + "instant (e.g. 2026-03-02T10:00:00Z) nor epoch milliseconds (e.g. 1772445600000)");
      }
    }
  }
}
