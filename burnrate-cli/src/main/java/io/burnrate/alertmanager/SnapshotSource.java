package io.burnrate.alertmanager;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Rebuilds what the bridge knows of partitions it was just assigned, from their beginning. */
@FunctionalInterface
interface SnapshotSource {
  Map<TopicPartition, PartitionAlerts> rebuild(Collection<TopicPartition> partitions);
}
