package io.burnrate.kafkainternals;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.InternalTopicProperties;

/**
 * A {@link Topology} that can declare a named repartition topic between Processor API nodes.
 *
 * <p>The public way to get one is the DSL's {@code repartition(Repartitioned.as(name))}, which needs
 * a KStream; the per-endpoint processor is Processor API, and {@code Topology.addSink} alone makes a
 * user topic that nobody creates. Declared here, the topic is what a DSL repartition topic is: named
 * {@code <application.id>-<name>}, created by Kafka Streams at start-up with the partition count of
 * the sub-topology that writes it, purged once consumed, and known to the application reset tool.
 * {@code KafkaInternalsTest} shows the name and the topology snapshot test the whole topology.
 */
public final class RepartitioningTopology extends Topology {

  /** Declares {@code name} (without the application id) as an internal repartition topic. */
  public RepartitioningTopology addRepartitionTopic(String name) {
    internalTopologyBuilder.addInternalTopic(name, InternalTopicProperties.empty());
    return this;
  }
}
