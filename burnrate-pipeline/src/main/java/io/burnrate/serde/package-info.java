/**
 * Bytes on the wire: the Confluent Avro framing, the schema registry client behind {@link
 * io.burnrate.serde.SchemaRegistryClient}, and the flat JSON of the metrics topic. Depends on Kafka
 * clients, Avro and Jackson only; must not import topology, rules, config or Kafka Streams.
 */
package io.burnrate.serde;
