package io.burnrate.rules;

import static io.burnrate.rules.RuleFigures.queueSpan;
import static io.burnrate.rules.RuleFigures.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.engine.Fixtures;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;
import org.junit.jupiter.api.Test;

/**
 * QUEUE_DEPTH: at least five requests of the last five minutes queued behind more than the limit (10);
 * the deepest queue of those minutes is the figure reported.
 */
class QueueDepthTest {
  private static final double H = 0.10;
  private final QueueDepth rule = new QueueDepth();
  private final EndpointSettings endpoint = Fixtures.endpoint().build();

  /** The last five minutes: {@code deepRequests} requests saw more than the limit, the deepest {@code deepest}. */
  private static SpanFigures queue(long deepRequests, int deepest) {
    SpanSums queue = new SpanSums();
    queue.requests = 50;
    queue.deepQueueRequests = deepRequests;
    queue.maxQueueDepth = deepest;
    return queueSpan(queue);
  }

  @Test
  void factsOfTheRule() {
    assertThat(rule.id()).isEqualTo(AlertRule.QUEUE_DEPTH);
    assertThat(rule.defaultThreshold()).isEqualTo(10.0);
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.unit()).isEqualTo("requests");
    assertThat(QueueDepth.SPAN_MINUTES).isEqualTo(5);
    assertThat(QueueDepth.MIN_REQUESTS).isEqualTo(5);
    assertThat(rule.command(endpoint)).isEmpty();
  }

  @Test
  void fiveRequestsBehindADeeperQueueBreachAndReportTheDeepest() {
    Reading reading = rule.judge(queue(5, 14), endpoint, H);

    assertThat(reading.breached()).isTrue();
    assertThat(reading.clear()).isFalse();
    assertThat(reading.observed()).isEqualTo(14.0);
    assertThat(reading.threshold()).isEqualTo(10.0);
    assertThat(reading.observed()).isGreaterThan(reading.threshold());
  }

  @Test
  void aQueueExactlyAtTheLimitDoesNotBreach() {
    Reading reading = rule.judge(queue(0, 10), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
  }

  @Test
  void fourRequestsBehindADeeperQueueAreNotYetABreach() {
    Reading reading = rule.judge(queue(4, 25), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isFalse();
  }

  @Test
  void clearOnlyWhenTheDeepestQueueIsAtOrBelowTheHysteresisLine() {
    assertThat(rule.judge(queue(0, 9), endpoint, H).clear()).isTrue();
    assertThat(rule.judge(queue(0, 0), endpoint, H).clear()).isTrue();
    assertThat(rule.judge(queue(0, 10), endpoint, H).clear()).isFalse();
    assertThat(rule.judge(queue(0, 8), endpoint, 0.2).clear()).isTrue();
    assertThat(rule.judge(queue(0, 9), endpoint, 0.2).clear()).isFalse();
  }

  @Test
  void theConfiguredLimitIsTheLine() {
    EndpointSettings deeper = Fixtures.endpoint().threshold(AlertRule.QUEUE_DEPTH, 20).build();

    assertThat(rule.judge(queue(0, 18), deeper, H).clear()).isTrue();
    assertThat(rule.judge(queue(0, 19), deeper, H).clear()).isFalse();
    assertThat(rule.judge(queue(6, 30), deeper, H).threshold()).isEqualTo(20.0);
  }

  @Test
  void onlyTheLastFewMinutesCount() {
    SpanSums hour = new SpanSums();
    hour.deepQueueRequests = 200;
    hour.maxQueueDepth = 40;

    Reading reading = rule.judge(span(hour), endpoint, H);

    assertThat(reading.breached()).isFalse();
    assertThat(reading.clear()).isTrue();
  }

  @Test
  void firingMessageGivesTheRequestsTheMinutesTheLimitAndTheDeepest() {
    SpanFigures figures = queue(7, 23);

    String message = rule.firingMessage(figures, endpoint, rule.judge(figures, endpoint, H));

    assertThat(message).contains(Fixtures.ENDPOINT, "7 requests", "last 5 minutes", "more than 10 others",
        "deepest 23");
  }

  @Test
  void resolvedMessageGivesTheDeepestAndTheLimit() {
    SpanFigures figures = queue(0, 6);

    assertThat(rule.resolvedMessage(figures, endpoint, rule.judge(figures, endpoint, H)))
        .contains(Fixtures.ENDPOINT, "deepest 6", "last 5 minutes", "limit 10");
  }
}
