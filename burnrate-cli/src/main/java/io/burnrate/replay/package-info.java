/**
 * Replaying historical billing exports (CSV, JSON Lines, plain or gzip) into {@code billing.events}:
 * reading, validating, rejecting with file:line: field, throttling, progress and the reset of the
 * pipeline's offsets and state. Sends through a {@link io.burnrate.replay.Sink}; no Kafka Streams
 * topology or engine types here.
 */
package io.burnrate.replay;
