package io.burnrate.replay;

import java.time.Duration;
import java.util.Objects;

/**
 * How a replay runs.
 *
 * @param mapping which export column holds which billing field
 * @param dryRun validate and count only: nothing is sent (rejects are still written)
 * @param throttle holds the sending to a rate ({@link Throttle#unlimited()} for none)
 * @param sortByTime read every input first, then send the valid rows in {@code usage_end} order (all
 *     rows are held in memory)
 * @param billingGraceMs the pipeline's billing grace: a row ending longer than this before a row sent
 *     ahead of it is counted as likely to be dead-lettered as late
 * @param retention stops the replay at a row the topic would delete or refuse for its old record
 *     timestamp ({@link RetentionGuard#NONE} when records are stamped with the time of sending)
 */
public record ReplayOptions(
    ColumnMapping mapping, boolean dryRun, Throttle throttle, boolean sortByTime, long billingGraceMs,
    RetentionGuard retention) {

  public static final long DEFAULT_BILLING_GRACE_MS = Duration.ofHours(48).toMillis();

  public ReplayOptions {
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(retention, "retention");
  }

  /** Default columns, sending, no throttle, in file order, the default 48 h grace, no retention limit. */
  public static ReplayOptions defaults() {
    return new ReplayOptions(ColumnMapping.defaults(), false, Throttle.unlimited(), false, DEFAULT_BILLING_GRACE_MS,
        RetentionGuard.NONE);
  }

  public ReplayOptions withMapping(ColumnMapping value) {
    return new ReplayOptions(value, dryRun, throttle, sortByTime, billingGraceMs, retention);
  }

  public ReplayOptions withDryRun(boolean value) {
    return new ReplayOptions(mapping, value, throttle, sortByTime, billingGraceMs, retention);
  }

  public ReplayOptions withThrottle(Throttle value) {
    return new ReplayOptions(mapping, dryRun, value, sortByTime, billingGraceMs, retention);
  }

  public ReplayOptions withSortByTime(boolean value) {
    return new ReplayOptions(mapping, dryRun, throttle, value, billingGraceMs, retention);
  }

  public ReplayOptions withRetention(RetentionGuard value) {
    return new ReplayOptions(mapping, dryRun, throttle, sortByTime, billingGraceMs, value);
  }

  public ReplayOptions withBillingGraceMs(long value) {
    return new ReplayOptions(mapping, dryRun, throttle, sortByTime, value, retention);
  }
}
