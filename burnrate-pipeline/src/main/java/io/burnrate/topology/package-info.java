/**
 * Kafka Streams wiring: sources, the ingest step, the per-endpoint processor and its stores, the
 * regional comparison, sinks. What a processor decides lives in the domain: the engine
 * ({@code EndpointEngine}), which endpoints a metering step ticks ({@code TickSchedule}), the hour
 * figures ({@code SliceStats.hour}, {@code ClosedHours}); named helpers here keep store access apart
 * ({@code LineItemVersions}, {@link io.burnrate.topology.EventOrder}).
 */
package io.burnrate.topology;
