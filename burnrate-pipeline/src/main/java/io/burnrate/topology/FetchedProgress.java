package io.burnrate.topology;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each partition of one input topic has been read before its records are processed, in event
 * time and in offsets: the topic's timestamp extractor sees every record as Kafka Streams buffers it. A
 * partition read up to an instant is one Kafka Streams will not let another run past before its
 * buffered records are processed, so {@link EventOrder} need not hold records back for it; the offset
 * read tells whether the broker holds more ({@link BrokerBacklog}). One per input topic of a topology,
 * shared by its stream threads (a partition is read by one thread at a time).
 */
public final class FetchedProgress {
  public static final long NOTHING_READ = -1;

  private static final class Reached {
    volatile long time = EventOrder.NONE;
    volatile long offset = NOTHING_READ;
  }

  private final ConcurrentHashMap<Integer, Reached> reached = new ConcurrentHashMap<>();

  /** A record of the partition was read: its offset, and its event time when it has a plausible one. */
  void advance(int partition, long offset, long time) {
    Reached current = reached.computeIfAbsent(partition, p -> new Reached());
    if (time > current.time) {
      current.time = time;
    }
    if (offset > current.offset) {
      current.offset = offset;
    }
  }

  /** The partition's latest event time read so far, or {@link EventOrder#NONE}. */
  long of(int partition) {
    Reached current = reached.get(partition);
    return current == null ? EventOrder.NONE : current.time;
  }

  /** The partition's highest offset read so far, or {@link #NOTHING_READ}. */
  long offset(int partition) {
    Reached current = reached.get(partition);
    return current == null ? NOTHING_READ : current.offset;
  }

  /**
   * Forgets what was read of the partition: a task that starts (again) reads it from its last commit,
   * and what an earlier run of the task read ahead says nothing of what this one will process next.
   */
  void forget(int partition) {
    reached.remove(partition);
  }
}
