package io.burnrate.rules;

import static io.burnrate.rules.RuleFigures.MIN_REQUESTS;
import static io.burnrate.rules.RuleFigures.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HIGH_LATENCY: the p95 of warm requests in the last 60 minutes against the limit (500 ms): breached
 * exactly when more than 5 % of them were slower than the limit.
 */
class HighLatencyTest {
  private static final double H = 0.10;
  private static final double LIMIT = 500;
  private final HighLatency rule = new HighLatency();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  /** Warm requests counted as the engine counts them: slower than the limit, and in their latency bin. */
  private static SpanSums warm(SpanSums sums, double latencyMs, long count, double limitMs) {
    sums.requests += count;
    if (latencyMs > limitMs) {
      sums.slowRequests += count;
    }
    sums.countWarm(latencyMs, limitMs, count);
    return sums;
  }

  /** {@code total} warm requests: {@code count} at {@code latencyMs}, the rest fast (100 ms). */
  private static SpanSums hour(long total, double latencyMs, long count) {
    return warm(warm(new SpanSums(), 100, total - count, LIMIT), latencyMs, count, LIMIT);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.HIGH_LATENCY);
    assertThat(rule.defaultThreshold()).isEqualTo(500.0);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("ms");
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyFivePercentSlowDoesNotBreach() {
    Reading reading = rule.judge(span(hour(1000, 600, 50)), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.observed()).isLessThanOrEqualTo(LIMIT);
    assertThat(reading.threshold()).isEqualTo(LIMIT);
  }

  @Test
  void moreThanFivePercentSlowBreaches() {
    Reading reading = rule.judge(span(hour(1000, 600, 51)), endpoint, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isGreaterThan(LIMIT);
  }

  @Test
  void requestsExactlyAtTheLimitAreNotSlow() {
    Reading reading = rule.judge(span(hour(1000, 500, 1000)), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.observed()).isLessThanOrEqualTo(LIMIT);
  }

  @ParameterizedTest(name = "{2} of {0} warm requests at {1} ms")
  @CsvSource({
      "1000, 501, 51",
      "1000, 600, 51",
      "1000, 600, 60",
      "1000, 1000, 51",
      "1000, 40000, 51",
      "1000, 700, 999",
      "100, 520, 6",
      "12345, 2600, 618"})
  void theReportedP95LiesAboveTheLimitWhenBreached(long total, double latencyMs, long slow) {
    Reading reading = rule.judge(span(hour(total, latencyMs, slow)), endpoint, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @ParameterizedTest(name = "{2} of {0} warm requests at {1} ms: clear {3}")
  @CsvSource({
      "1000, 480, 51, false",
      "1000, 451, 51, false",
      "1000, 480, 50, true",
      "1000, 450, 400, true",
      "1000, 449, 1000, true",
      "1000, 600, 40, true"})
  void clearOnlyWhenAtMostFivePercentAreAboveTheHysteresisLine(long total, double latencyMs, long count,
      boolean clear) {
    Reading reading = rule.judge(span(hour(total, latencyMs, count)), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isEqualTo(clear);
  }

  @ParameterizedTest(name = "{2} of {0} warm requests at {1} ms")
  @CsvSource({
      "1000, 480, 50",
      "1000, 450, 400",
      "1000, 449, 1000",
      "1000, 2000, 50",
      "100, 900, 5"})
  void theReportedP95LiesAtOrBelowTheHysteresisLineWhenClear(long total, double latencyMs, long count) {
    Reading reading = rule.judge(span(hour(total, latencyMs, count)), endpoint, H);

    assertThat(reading.clear()).isTrue();
    assertThat(reading.observed()).isLessThanOrEqualTo(LIMIT * (1 - H));
  }

  @Test
  void aWiderHysteresisMovesTheClearLineDown() {
    SpanFigures figures = span(hour(1000, 420, 100));

    assertThat(rule.judge(figures, endpoint, 0.10).clear()).isTrue();
    assertThat(rule.judge(figures, endpoint, 0.20).clear()).isFalse();
  }

  @Test
  void theConfiguredLimitIsTheLine() {
    EndpointSettings lenient = Fixtures.endpoint().threshold(AlertRule.HIGH_LATENCY, 1000).build();
    SpanSums hour = warm(warm(new SpanSums(), 100, 900, 1000), 1200, 100, 1000);

    Reading reading = rule.judge(span(hour), lenient, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.threshold()).isEqualTo(1000.0);
    assertThat(reading.observed()).isGreaterThan(1000.0);
  }

  @Test
  void tooFewWarmRequestsAreNotJudged() {
    assertThat(rule.judge(span(hour(MIN_REQUESTS - 1, 900, 50)), endpoint, H)).isSameAs(Reading.UNJUDGED);
    assertThat(rule.judge(span(new SpanSums()), endpoint, H)).isSameAs(Reading.UNJUDGED);
    assertThat(rule.judge(span(hour(MIN_REQUESTS, 900, 6)), endpoint, H).breached()).isTrue();
  }

  @Test
  void requestsThatWaitedForAColdStartDoNotCount() {
    SpanSums hour = hour(MIN_REQUESTS - 1, 900, 50);
    hour.requests += 400;

    assertThat(rule.judge(span(hour), endpoint, H)).isSameAs(Reading.UNJUDGED);
  }

  @Test
  void firingMessageGivesTheP95AndTheSlowRequests() {
    SpanFigures figures = span(hour(1000, 600, 51));

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint, H));

    assertThat(message).contains(Fixtures.ENDPOINT, "p95 latency is 551.47 ms", "51 of 1000 warm requests",
        "slower than 500 ms");
  }

  @Test
  void resolvedMessageGivesTheP95AndTheLimit() {
    SpanFigures figures = span(hour(1000, 300, 100));

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "back to 275 ms", "limit 500 ms", "0 of 1000");
  }

  @Test
  void resolvedMessageSaysWhenThereIsTooLittleToJudge() {
    SpanFigures figures = span(hour(12, 100, 0));

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains("can no longer be judged", "12 warm requests")
        .doesNotContain("NaN");
  }
}
