/**
 * {@code burnrate bench}: prepared input, a pass-through Kafka Streams app to compare with, the runs and
 * their measurements (throughput, latency, scale) and the reports. Used by the CLI only; nothing in the
 * pipeline (topology, engine, rules, serde) may import it.
 */
package io.burnrate.bench;
