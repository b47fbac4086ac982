package io.burnrate.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The metering steps of one task: the step boundaries a record's event time passes, and when each
 * endpoint next needs a tick ({@link EndpointEngine#nextTickNeeded}), so that at a boundary only the
 * endpoints that can change are ticked, in endpoint order. Built from the endpoints' states; derived,
 * so it is never stored.
 */
public final class TickSchedule {
  private final long stepMs;
  private final Map<String, Long> wakeOf = new HashMap<>();
  private final TreeMap<Long, Set<String>> wakes = new TreeMap<>();
  private final Set<String> everyStep = new HashSet<>();

  public TickSchedule(long stepMs) {
    this.stepMs = stepMs;
  }

  /** The last step boundary at or before {@code eventTime}. */
  public long boundaryOf(long eventTime) {
    return Math.floorDiv(eventTime, stepMs) * stepMs;
  }

  /** The boundary after {@code boundary}. */
  public long next(long boundary) {
    return boundary + stepMs;
  }

  /** Files the endpoint under the tick it needs next: {@link EndpointEngine#EVERY_STEP}, a time, or none. */
  public void schedule(String endpointId, long nextTickNeeded) {
    unschedule(endpointId);
    if (nextTickNeeded == Long.MAX_VALUE) {
      return;
    }
    wakeOf.put(endpointId, nextTickNeeded);
    if (nextTickNeeded == EndpointEngine.EVERY_STEP) {
      everyStep.add(endpointId);
    } else {
      wakes.computeIfAbsent(nextTickNeeded, w -> new HashSet<>()).add(endpointId);
    }
  }

  /** The endpoints to tick at {@code boundary}, in endpoint order (so that outputs are in a fixed order). */
  public TreeSet<String> dueAt(long boundary) {
    TreeSet<String> due = new TreeSet<>(everyStep);
    for (Set<String> endpoints : wakes.headMap(boundary, true).values()) {
      due.addAll(endpoints);
    }
    return due;
  }

  private void unschedule(String endpointId) {
    Long previous = wakeOf.remove(endpointId);
    if (previous == null) {
      return;
    }
    if (previous == EndpointEngine.EVERY_STEP) {
      everyStep.remove(endpointId);
    } else {
      Set<String> at = wakes.get(previous);
      at.remove(endpointId);
      if (at.isEmpty()) {
        wakes.remove(previous);
      }
    }
  }
}
