package io.burnrate.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far every upstream partition has come, as the regional comparison sees it: the time up to which
 * each has sent all its closed hours ({@link UpstreamProgress}). The comparison may settle up to the
 * least of them, so that an upstream task that is behind (restoring after a crash, or slower) is waited
 * for instead of being overtaken; one silent for the idle time no longer holds the others back.
 *
 * <p>Closed hours without an upstream tag (written by an earlier release) count as one upstream whose
 * progress is its previous stamp once a later one arrives.
 */
final class UpstreamClock {
  static final long NONE = Long.MIN_VALUE;
  static final int UNTAGGED = -1;

  private final long idleMs;
  private final Map<Integer, Long> complete = new TreeMap<>();
  private final Map<Integer, Long> lastHeard = new HashMap<>();
  private long newestUntagged = NONE;

  UpstreamClock(long idleMs) {
    this.idleMs = idleMs;
  }

  /** Puts back committed progress; each upstream counts as heard from at {@code now}. */
  void restore(Map<Integer, Long> completeByUpstream, long newestUntagged, long now) {
    complete.clear();
    lastHeard.clear();
    complete.putAll(completeByUpstream);
    completeByUpstream.keySet().forEach(upstream -> lastHeard.put(upstream, now));
    this.newestUntagged = newestUntagged;
  }

  Map<Integer, Long> complete() {
    return Map.copyOf(complete);
  }

  long newestUntagged() {
    return newestUntagged;
  }

  void onProgress(int upstream, long time, long now) {
    complete.merge(upstream, time, Math::max);
    lastHeard.put(upstream, now);
  }

  /** A closed hour from {@code upstream} stamped {@code stamp}. */
  void onFigures(int upstream, long stamp, long now) {
    if (upstream == UNTAGGED && stamp > newestUntagged) {
      if (newestUntagged != NONE) {
        complete.merge(UNTAGGED, newestUntagged, Math::max);
      }
      newestUntagged = stamp;
    }
    complete.putIfAbsent(upstream, NONE);
    lastHeard.put(upstream, now);
  }

  /** The least progress of the upstreams heard from within the idle time (of all, when every one is silent). */
  long settled(long now) {
    long least = Long.MAX_VALUE;
    long most = NONE;
    for (Map.Entry<Integer, Long> entry : complete.entrySet()) {
      most = Math.max(most, entry.getValue());
      if (now - lastHeard.getOrDefault(entry.getKey(), now) < idleMs) {
        least = Math.min(least, entry.getValue());
      }
    }
    return least == Long.MAX_VALUE ? most : least;
  }
}
