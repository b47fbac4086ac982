package io.burnrate.rules;

import static io.burnrate.rules.RuleFigures.requests;
import static io.burnrate.rules.RuleFigures.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;

/** REQUEST_SURGE: requests in the last 60 minutes against factor (5) x the seasonal baseline. */
class RequestSurgeTest {
  private static final double H = 0.10;
  /** Usually 100 requests in these 60 minutes: the limit is 500, the hysteresis line 450. */
  private static final double USUAL = 100;
  private final RequestSurge rule = new RequestSurge();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  private Reading judge(long requests, double hysteresis) {
    return rule.judge(span(requests(requests, 0), 1_000_000, USUAL), endpoint, hysteresis);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.REQUEST_SURGE);
    assertThat(rule.defaultThreshold()).isEqualTo(5.0);
    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.unit()).isEqualTo("requests/hour");
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void exactlyFiveTimesTheUsualTrafficDoesNotBreach() {
    Reading reading = judge(500, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(500.0);
    assertThat(reading.threshold()).isEqualTo(500.0);
    assertThat(reading.baseline()).isEqualTo(USUAL);
  }

  @Test
  void oneRequestAboveBreaches() {
    Reading reading = judge(501, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void theConfiguredFactorScalesTheLimit() {
    EndpointSettings tolerant = Fixtures.endpoint().threshold(AlertRule.REQUEST_SURGE, 10.0).build();

    assertThat(rule.judge(span(requests(1000, 0), 1_000_000, USUAL), tolerant, H).breached()).isFalse();
    assertThat(rule.judge(span(requests(1001, 0), 1_000_000, USUAL), tolerant, H).breached()).isTrue();
  }

  @Test
  void clearOnlyAtOrBelowTheHysteresisLine() {
    assertThat(judge(450, H).clear()).isTrue();
    assertThat(judge(80, H).clear()).isTrue();
    assertThat(judge(451, H).clear()).isFalse();
    assertThat(judge(451, H).breached()).isFalse();
    assertThat(judge(400, 0.2).clear()).isTrue();
    assertThat(judge(401, 0.2).clear()).isFalse();
  }

  @Test
  void notJudgedWhileTheBaselineWarmsUp() {
    assertThat(rule.judge(span(requests(100_000, 0), Double.NaN, Double.NaN), endpoint, H))
        .isSameAs(Reading.UNJUDGED);
  }

  @Test
  void firingMessageGivesTheRequestsHowManyTimesTheUsualAndTheUsual() {
    SpanFigures figures = span(requests(1200, 0), 1_000_000, USUAL);

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint, H));

    assertThat(message).contains(Fixtures.ENDPOINT, "1200 requests", "last 60 minutes", "12.0x its usual 100",
        "traffic surge");
  }

  @Test
  void resolvedMessageGivesTheRequestsAndTheUsual() {
    SpanFigures figures = span(requests(130, 0), 1_000_000, USUAL);

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "back to 130 requests", "usual 100");
  }

  @Test
  void resolvedMessageSaysWhenTheUsualIsNotKnown() {
    SpanFigures figures = span(requests(130, 0), Double.NaN, Double.NaN);

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains("usual not known").doesNotContain("NaN");
  }
}
