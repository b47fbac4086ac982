package io.burnrate.rules;

import io.burnrate.engine.Fixtures;
import io.burnrate.meter.Category;

/** Figures for the rule tests, with only what each test sets: a span at a fixed instant. */
final class RuleFigures {
  /** Tuesday 2024-03-05, 14:30 UTC. */
  static final long NOW = Fixtures.at("2024-03-05T14:30:00Z");
  static final long MIN_REQUESTS = 100;

  private RuleFigures() {}

  /** A span whose last 60 minutes are {@code hour}, with no baseline yet. */
  static SpanFigures span(SpanSums hour) {
    return new SpanFigures(NOW, NOW - Fixtures.HOUR, hour, NOW - 5 * Fixtures.MINUTE, QueueDepth.SPAN_MINUTES,
        new SpanSums(), Double.NaN, Double.NaN, MIN_REQUESTS);
  }

  /** A span whose last few minutes are {@code queue}. */
  static SpanFigures queueSpan(SpanSums queue) {
    return new SpanFigures(NOW, NOW - Fixtures.HOUR, new SpanSums(), NOW - 5 * Fixtures.MINUTE,
        QueueDepth.SPAN_MINUTES, queue, Double.NaN, Double.NaN, MIN_REQUESTS);
  }

  /** A span against the seasonal baseline's expectation (NaN: still warming up). */
  static SpanFigures span(SpanSums hour, double expectedSpendMicros, double expectedRequests) {
    return new SpanFigures(NOW, NOW - Fixtures.HOUR, hour, NOW - 5 * Fixtures.MINUTE, QueueDepth.SPAN_MINUTES,
        new SpanSums(), expectedSpendMicros, expectedRequests, MIN_REQUESTS);
  }

  /** Sums with metered compute spend only. */
  static SpanSums spend(long meteredComputeMicros) {
    SpanSums sums = new SpanSums();
    sums.metered[Category.COMPUTE] = meteredComputeMicros;
    return sums;
  }

  static SpanSums requests(long requests, long errors) {
    SpanSums sums = new SpanSums();
    sums.requests = requests;
    sums.errors = errors;
    return sums;
  }
}
