package io.burnrate.sim;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** Runs a simulation into one or more sinks at once: one pass, at the pace given, with progress. */
public final class Drain {
  private Drain() {}

  /** Sends every event to every sink in turn, then finishes them; returns the number of records. */
  public static long run(Iterator<SimEvent> events, Pace pace, Progress progress, List<? extends EventSink> sinks)
      throws IOException, InterruptedException {
    long count = 0;
    while (events.hasNext()) {
      SimEvent event = events.next();
      pace.await(event.appearsAt());
      for (EventSink sink : sinks) {
        sink.accept(event);
      }
      progress.onRecord(event);
      count++;
    }
    for (EventSink sink : sinks) {
      sink.finish();
    }
    progress.onFinish();
    return count;
  }
}
