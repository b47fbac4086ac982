package io.burnrate.bench;

/**
 * The live run of one application.
 *
 * @param breachesSent breaching events sent
 * @param matched breaches whose output (alert, or the pass-through's copy) was seen
 * @param eventsSent all events sent, breaches included
 * @param achievedRate events per second actually sent
 * @param appendToAppend from the breach's append to its output's append, both broker timestamps (LogAppendTime)
 * @param appendToVisible from the breach's append until a read_committed reader in this process received the
 *     output (this machine's clock)
 */
public record LatencyResult(
    AppKind app,
    Guarantee guarantee,
    long breachesSent,
    long matched,
    long eventsSent,
    double achievedRate,
    Percentiles appendToAppend,
    Percentiles appendToVisible) {}
