package io.burnrate.topology;

import io.burnrate.config.TopicNames;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/**
 * What the endpoint processor needs to put its inputs in event-time order: their topics, how far each
 * event input has been read, and how long an input may be silent before the others run ahead of it.
 */
record EventInputs(TopicNames topics, FetchedProgress replicasRead, FetchedProgress requestsRead, Duration idle) {
  /** How often records held for a silent input are looked at: a fraction of the idle time. */
  Duration releaseInterval() {
    return Duration.ofMillis(Math.max(20, idle.toMillis() / 4));
  }

  FetchedProgress fetched(EventOrder.Input input) {
    return input == EventOrder.Input.REPLICAS ? replicasRead : requestsRead;
  }

  /** Forgets what earlier runs of the partition's task read ahead (see {@link FetchedProgress#forget}). */
  void startReading(int partition) {
    replicasRead.forget(partition);
    requestsRead.forget(partition);
  }

  /** What the task of {@code partition} knows of its event inputs' records beyond those it processed. */
  EventOrder.Unprocessed unprocessed(int partition, BrokerBacklog backlog) {
    // Asked on every record while others wait: what each event input's partition is, found once.
    FetchedProgress[] read = {replicasRead, requestsRead};
    TopicPartition[] partitions = {
        new TopicPartition(topics.replicas(), partition), new TopicPartition(topics.requests(), partition)};
    return new EventOrder.Unprocessed() {
      @Override
      public long readAhead(int input) {
        return read[input].of(partition);
      }

      @Override
      public boolean onBroker(int input) {
        return backlog.hasUnread(partitions[input], read[input].offset(partition));
      }
    };
  }

  String topic(EventOrder.Input input) {
    return switch (input) {
      case REPLICAS -> topics.replicas();
      case REQUESTS -> topics.requests();
      case BILLING -> topics.billing();
    };
  }
}
