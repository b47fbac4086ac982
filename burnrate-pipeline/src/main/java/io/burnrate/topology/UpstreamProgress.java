package io.burnrate.topology;

/**
 * Sent by the endpoint processor of input partition {@code partition} to every partition of the
 * regional repartition topic as its event-time order passes each metering step: every closed hour it
 * will still send is stamped later than {@code time}. The regional comparison settles an hour once
 * every upstream partition has said so for its settle time.
 */
record UpstreamProgress(int partition, long time) {}
