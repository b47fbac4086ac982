/**
 * The only code that uses Kafka Streams' internal classes, which may change in any release: a store
 * told before each commit ({@link io.burnrate.kafkainternals.CommitAwareStore}) and a topology that
 * declares a named repartition topic ({@link io.burnrate.kafkainternals.RepartitioningTopology}).
 * {@code KafkaInternalsTest} pins the Kafka version they were checked with and shows each still works;
 * its failure message says what to check on an upgrade.
 */
package io.burnrate.kafkainternals;
