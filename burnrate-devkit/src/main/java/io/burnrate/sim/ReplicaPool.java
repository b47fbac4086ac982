package io.burnrate.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endpoint's replicas, loading or ready, in start order: which are ready at an instant, which one
 * a request goes to, which one the autoscaler removes, and which become ready or fail next.
 */
final class ReplicaPool {

  /** One replica: it loads from {@code startedAt} to {@code readyAt}, and would fail at {@code failAt}. */
  static final class Replica {
    final String id;
    final long startedAt;
    final long readyAt;
    final long failAt;
    boolean ready;

    Replica(String id, long startedAt, long readyAt, long failAt) {
      this.id = id;
      this.startedAt = startedAt;
      this.readyAt = readyAt;
      this.failAt = failAt;
    }
  }

  private final List<Replica> replicas = new ArrayList<>();
  private int ready;
  private long nextReadyAt = Long.MAX_VALUE;
  private long nextFailAt = Long.MAX_VALUE;

  int size() {
    return replicas.size();
  }

  boolean isEmpty() {
    return replicas.isEmpty();
  }

  /** Replicas marked ready (at the start of the current step). */
  int ready() {
    return ready;
  }

  void add(Replica replica) {
    replicas.add(replica);
    if (replica.ready) {
      ready++;
    } else {
      nextReadyAt = Math.min(nextReadyAt, replica.readyAt);
    }
    nextFailAt = Math.min(nextFailAt, replica.failAt);
  }

  void remove(Replica replica) {
    replicas.remove(replica);
    if (replica.ready) {
      ready--;
    }
  }

  /** Marks ready, and returns, the loading replicas whose model is loaded before {@code until}. */
  List<Replica> becomeReadyBefore(long until) {
    if (nextReadyAt >= until) {
      return List.of();
    }
    List<Replica> done = new ArrayList<>();
    nextReadyAt = Long.MAX_VALUE;
    for (Replica replica : replicas) {
      if (replica.ready) {
        continue;
      }
      if (replica.readyAt < until) {
        replica.ready = true;
        ready++;
        done.add(replica);
      } else {
        nextReadyAt = Math.min(nextReadyAt, replica.readyAt);
      }
    }
    return done;
  }

  /** The ready replicas due to fail before {@code until}. */
  List<Replica> failingBefore(long until) {
    if (nextFailAt >= until) {
      return List.of();
    }
    List<Replica> failing = new ArrayList<>();
    nextFailAt = Long.MAX_VALUE;
    for (Replica replica : replicas) {
      if (replica.ready && replica.failAt < until) {
        failing.add(replica);
      } else {
        nextFailAt = Math.min(nextFailAt, replica.failAt);
      }
    }
    return failing;
  }

  /** Replicas whose model is loaded at {@code t}. */
  int readyAt(long t) {
    int count = 0;
    for (Replica replica : replicas) {
      if (replica.readyAt <= t) {
        count++;
      }
    }
    return count;
  }

  /** The loading replica that will be ready first, or null when none is loading. */
  Replica firstLoading(long t) {
    Replica first = null;
    for (Replica replica : replicas) {
      if (replica.readyAt > t && (first == null || replica.readyAt < first.readyAt)) {
        first = replica;
      }
    }
    return first;
  }

  /** A replica ready at {@code t}, drawn evenly; there must be {@code readyCount} of them. */
  Replica pickReady(long t, int readyCount, SplittableRandom random) {
    int pick = random.nextInt(readyCount);
    for (Replica replica : replicas) {
      if (replica.readyAt <= t && pick-- == 0) {
        return replica;
      }
    }
    throw new IllegalStateException("fewer than " + readyCount + " replicas ready at " + t);
  }

  /** Which replica a scale-down removes: loading ones first (newest first), then the newest ready one. */
  Replica victim() {
    Replica victim = null;
    for (Replica replica : replicas) {
      if (victim == null || (!replica.ready && victim.ready)
          || (replica.ready == victim.ready && replica.startedAt >= victim.startedAt)) {
        victim = replica;
      }
    }
    return victim;
  }
}
