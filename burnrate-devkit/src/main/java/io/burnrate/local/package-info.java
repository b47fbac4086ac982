/**
 * The local stack for the demo and the tests: an embedded Kafka broker, the contract topics and
 * the embedded registry on loopback. Only {@link io.burnrate.local.EmbeddedKafka} may import
 * Kafka's server internals ({@code kafka.*}, {@code org.apache.kafka.metadata}, {@code org.apache.kafka.server}); of
 * the pipeline it uses the topic names and their creation ({@code ContractTopics}) only.
 */
package io.burnrate.local;
