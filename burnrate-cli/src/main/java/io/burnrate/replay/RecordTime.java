package io.burnrate.replay;

/** The Kafka record timestamp a replay gives each row (the pipeline's event time is usage_end either way). */
public enum RecordTime {
  /** The row's {@code usage_end}: the topic looks as if the bills had been sent at the time. */
  USAGE_END,
  /** The time of sending: safe on a topic whose retention is shorter than the export's age. */
  NOW
}
