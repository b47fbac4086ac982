package io.burnrate.topology;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker holds of the event inputs: each partition's end (the last stable offset, what a
 * {@code read_committed} reader can read up to) and the application's committed offset, as last looked
 * up. An input whose partition ends beyond what its task has read is behind, not silent: a task
 * catching up on a backlog may leave one topic's partitions unread for seconds (a consumer hands over
 * one partition's fetched records before another's), and {@link EventOrder} must not let the other
 * input run ahead of it meanwhile. Shared by the stream threads of one Kafka Streams instance through
 * its configuration ({@link #CONFIG}); without one (the test driver), no input is known to be behind.
 */
public final class BrokerBacklog {
  /** The configuration key under which the instance's backlog is handed to its processors. */
  public static final String CONFIG = "burnrate.internal.broker.backlog";

  /**
   * Offsets a partition may end beyond the last record read without being behind: the marker that
   * closes a producer's transaction takes one.
   */
  static final long MARKER = 1;

  private final List<String> topics;
  private volatile Map<TopicPartition, Long> ends = Map.of();
  private volatile Map<TopicPartition, Long> committed = Map.of();

  /** @param topics the event input topics whose ends to look up */
  public BrokerBacklog(List<String> topics) {
    this.topics = List.copyOf(topics);
  }

  public List<String> topics() {
    return topics;
  }

  /** What was looked up: the end of each partition, and the offset the application committed on it. */
  public void update(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
    this.ends = Map.copyOf(ends);
    this.committed = Map.copyOf(committed);
  }

  /** Nothing is known (the broker did not answer): no input counts as behind. */
  public void forget() {
    update(Map.of(), Map.of());
  }

  /**
   * Whether the broker holds records of the partition beyond {@code lastRead}, the highest offset read
   * of it ({@link FetchedProgress#NOTHING_READ} before the first: then beyond the committed offset).
   */
  public boolean hasUnread(String topic, int partition, long lastRead) {
    return hasUnread(new TopicPartition(topic, partition), lastRead);
  }

  boolean hasUnread(TopicPartition key, long lastRead) {
    Long end = ends.get(key);
    if (end == null) {
      return false;
    }
    long next = lastRead != FetchedProgress.NOTHING_READ ? lastRead + 1 : committed.getOrDefault(key, end);
    return end - next > MARKER;
  }
}
