package io.burnrate.topology;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far each partition of one input topic has been read, in event time, before its records are
 * processed: the topic's timestamp extractor sees every record as it is buffered. A partition read up
 * to an instant is one Kafka Streams will not let another run past before its buffered records are
 * processed, so {@link EventOrder} need not hold records back for it. One per input topic of a
 * topology, shared by its stream threads (a partition is read by one thread at a time).
 */
final class FetchedProgress {
  private final ConcurrentHashMap<Integer, AtomicLong> reached = new ConcurrentHashMap<>();

  void advance(int partition, long time) {
    AtomicLong current = reached.computeIfAbsent(partition, p -> new AtomicLong(EventOrder.NONE));
    if (time > current.get()) {
      current.accumulateAndGet(time, Math::max);
    }
  }

  /** The partition's latest event time read so far, or {@link EventOrder#NONE}. */
  long of(int partition) {
    AtomicLong current = reached.get(partition);
    return current == null ? EventOrder.NONE : current.get();
  }
}
