package io.burnrate.rules;

import static io.burnrate.rules.RuleFigures.MIN_REQUESTS;
import static io.burnrate.rules.RuleFigures.requests;
import static io.burnrate.rules.RuleFigures.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ERROR_RATE: errors over requests in the last 60 minutes against the limit (1 %), over enough requests. */
class ErrorRateTest {
  private static final double H = 0.10;
  private final ErrorRate rule = new ErrorRate();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  private Reading judge(long requests, long errors, double hysteresis) {
    return rule.judge(span(requests(requests, errors)), endpoint, hysteresis);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.ERROR_RATE);
    assertThat(rule.defaultThreshold()).isEqualTo(0.01);
    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.unit()).isEqualTo("ratio");
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyTheLimitDoesNotBreach() {
    Reading reading = judge(1000, 10, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(0.01);
    assertThat(reading.threshold()).isEqualTo(0.01);
  }

  @Test
  void justAboveTheLimitBreaches() {
    Reading reading = judge(1000, 11, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
    assertThat(judge(1_000_000, 10_001, H).breached()).isTrue();
  }

  @ParameterizedTest(name = "{1} errors of {0} with hysteresis {2}: clear {3}")
  @CsvSource({
      "1000, 9, 0.1, true",
      "1000, 10, 0.1, false",
      "1000, 0, 0.1, true",
      "10000, 91, 0.1, false",
      "1000, 7, 0.3, true",
      "1000, 8, 0.3, false",
      "100000, 701, 0.3, false"})
  void clearOnlyAtOrBelowTheHysteresisLine(long requests, long errors, double hysteresis, boolean clear) {
    Reading reading = judge(requests, errors, hysteresis);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isEqualTo(clear);
  }

  @Test
  void tooFewRequestsAreNotJudged() {
    assertThat(judge(MIN_REQUESTS - 1, MIN_REQUESTS - 1, H)).isSameAs(Reading.UNJUDGED);
    assertThat(judge(0, 0, H)).isSameAs(Reading.UNJUDGED);
    assertThat(judge(MIN_REQUESTS, 2, H).breached()).isTrue();
  }

  @Test
  void firingMessageGivesTheCountsAndBothRatesAsPercentages() {
    SpanFigures figures = span(requests(10_000, 146));

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint, H));

    assertThat(message).contains(Fixtures.ENDPOINT, "146 of 10000 requests", "(1.46 %)", "above 1.00 %");
  }

  @Test
  void aRateJustAboveTheLimitIsToldApartFromItInTheMessage() {
    SpanFigures figures = span(requests(1_000_000, 10_001));

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint, H));

    assertThat(message).contains("(1.0001 %)", "above 1.0000 %");
  }

  @Test
  void resolvedMessageGivesTheRateAndTheLimit() {
    SpanFigures figures = span(requests(1000, 3));

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "back to 0.30 %", "limit 1.00 %");
  }

  @Test
  void resolvedMessageWithTooFewRequestsStillGivesTheLimit() {
    SpanFigures figures = span(requests(12, 0));

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains("too few requests to judge", "limit 1.00 %")
        .doesNotContain("NaN");
  }
}
