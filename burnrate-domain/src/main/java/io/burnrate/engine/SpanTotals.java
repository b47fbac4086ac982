package io.burnrate.engine;

import io.burnrate.rules.SpanSums;

/** The sums of the minute buckets from a span's start up to {@code now}: what a sliding rule judges. */
final class SpanTotals extends SpanSums {

  /** Adds the buckets that start in [{@code from}, {@code through}]. */
  void addMinutes(MinuteBuckets minutes, long from, long through) {
    for (int i = minutes.firstIndexAtOrAfter(from); i < minutes.size(); i++) {
      MinuteBucket minute = minutes.at(i);
      if (minute.minuteStart > through) {
        break;
      }
      add(minute.metered, minute.billed, minute.coldStarts, minute.requests, minute.errors, minute.warmRequests,
          minute.slowRequests, minute.deepQueueRequests, minute.maxQueueDepth);
      addLatencies(minute.latencyBins, minute.slowestMs);
    }
  }
}
