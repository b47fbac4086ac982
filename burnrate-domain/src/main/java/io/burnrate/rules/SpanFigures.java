package io.burnrate.rules;

/**
 * What the sliding-span and baseline rules judge at event time {@code now}: the sums of the last 60
 * minutes ({@code hour}, from {@code spanStart}) and of the last few ({@code queue}, from {@code
 * queueSpanStart}), and the seasonal baseline's expectation over the same 60 minutes (NaN while it
 * warms up). Ratios are judged only over at least {@code minRequests} requests.
 */
public record SpanFigures(
    long now,
    long spanStart,
    SpanSums hour,
    long queueSpanStart,
    int queueSpanMinutes,
    SpanSums queue,
    double expectedSpendMicros,
    double expectedRequests,
    long minRequests) {}
