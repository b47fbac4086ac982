package io.burnrate.sim;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Merges the endpoints' runs into one stream in appearance order (ties: lower endpoint index first,
 * then each run's own order), holding one head per endpoint: memory grows with the fleet, not with
 * the duration. The heap is of primitive (time, run) pairs, so that ordering 10,000 endpoints does not
 * chase pointers into each run.
 */
final class EventMerger implements Iterator<SimEvent> {
  private final EndpointRun[] runs;
  private final long[] times;
  private final int[] order;
  private int size;

  EventMerger(List<EndpointRun> runs) {
    this.runs = runs.toArray(new EndpointRun[0]);
    this.times = new long[this.runs.length];
    this.order = new int[this.runs.length];
    for (int i = 0; i < this.runs.length; i++) {
      long next = this.runs[i].nextAppearsAt();
      if (next != Long.MAX_VALUE) {
        times[size] = next;
        order[size] = i;
        siftUp(size++);
      }
    }
  }

  @Override
  public boolean hasNext() {
    return size > 0;
  }

  @Override
  public SimEvent next() {
    if (size == 0) {
      throw new NoSuchElementException("the simulation has no more events");
    }
    EndpointRun run = runs[order[0]];
    SimEvent event = run.poll();
    long next = run.nextAppearsAt();
    if (next == Long.MAX_VALUE) {
      size--;
      times[0] = times[size];
      order[0] = order[size];
    } else {
      times[0] = next;
    }
    if (size > 0) {
      siftDown(0);
    }
    return event;
  }

  /** Runs are given in ascending endpoint index, so the position in {@code runs} breaks ties. */
  private boolean before(int a, int b) {
    return times[a] < times[b] || (times[a] == times[b] && order[a] < order[b]);
  }

  private void swap(int a, int b) {
    long time = times[a];
    times[a] = times[b];
    times[b] = time;
    int run = order[a];
    order[a] = order[b];
    order[b] = run;
  }

  private void siftUp(int at) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!before(at, parent)) {
        return;
      }
      swap(at, parent);
      at = parent;
    }
  }

  private void siftDown(int at) {
    while (true) {
      int left = 2 * at + 1;
      if (left >= size) {
        return;
      }
      int smallest = left + 1 < size && before(left + 1, left) ? left + 1 : left;
      if (!before(smallest, at)) {
        return;
      }
      swap(at, smallest);
      at = smallest;
    }
  }
}
