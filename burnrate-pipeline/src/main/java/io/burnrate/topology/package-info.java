/**
 * Kafka Streams wiring only: sources, the ingest step, the per-endpoint processor and its stores,
 * sinks. Logic lives in {@code engine}, {@code rules}, {@code actions} and {@code ingest}.
 */
package io.burnrate.topology;
