package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Severity;

/**
 * QUEUE_DEPTH: at least {@link #MIN_REQUESTS} requests within the last few minutes saw a queue deeper
 * than the limit. The figure reported is the deepest queue of the span, which is then above the limit.
 */
public final class QueueDepth extends FixedFacts implements SpanRule {
  public static final int SPAN_MINUTES = 5;
  public static final int MIN_REQUESTS = 5;

  public QueueDepth() {
    super(AlertRule.QUEUE_DEPTH, Severity.WARNING, "requests", 10);
  }

  @Override
  public Reading judge(SpanFigures span, EndpointSettings endpoint, double hysteresis) {
    SpanSums queue = span.queue();
    double limit = endpoint.thresholds().get(id());
    boolean breached = queue.deepQueueRequests >= MIN_REQUESTS;
    boolean clear = queue.deepQueueRequests < MIN_REQUESTS && queue.maxQueueDepth <= limit * (1 - hysteresis);
    return new Reading(breached, clear, queue.maxQueueDepth, limit, Double.NaN);
  }

  @Override
  public String firingMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s: %d requests in the last %d minutes queued behind more than %s others (deepest %d)",
        endpoint.endpointId(), span.queue().deepQueueRequests, span.queueSpanMinutes(),
        RuleTexts.plain(reading.threshold()), span.queue().maxQueueDepth);
  }

  @Override
  public String resolvedMessage(SpanFigures span, EndpointSettings endpoint, Reading reading) {
    return String.format("%s queue is back: deepest %d in the last %d minutes (limit %s)",
        endpoint.endpointId(), span.queue().maxQueueDepth, span.queueSpanMinutes(),
        RuleTexts.plain(reading.threshold()));
  }
}
