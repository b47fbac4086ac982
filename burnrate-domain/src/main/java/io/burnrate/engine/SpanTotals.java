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

  /**
   * Slides these sums of the buckets in [{@code from}, {@code through}] forward to end at {@code
   * newThrough}, as many minutes later as the span starts later: takes back the buckets that leave and
   * adds those that enter. False, and unchanged, when a leaving bucket may hold the span's largest
   * queue depth or slowest request (a maximum cannot be taken back): then the sums are summed anew.
   */
  boolean slide(MinuteBuckets minutes, long from, long through, long newFrom, long newThrough) {
    long leaving = newFrom - from;
    if (leaving <= 0 || newThrough - through != leaving) {
      return false;
    }
    int first = minutes.firstIndexAtOrAfter(from);
    for (int i = first; i < minutes.size() && minutes.at(i).minuteStart < newFrom; i++) {
      MinuteBucket minute = minutes.at(i);
      if (minute.maxQueueDepth > 0 && minute.maxQueueDepth >= maxQueueDepth
          || minute.slowestMs > 0 && minute.slowestMs >= slowestMs) {
        return false;
      }
    }
    for (int i = first; i < minutes.size() && minutes.at(i).minuteStart < newFrom; i++) {
      MinuteBucket minute = minutes.at(i);
      subtract(minute.metered, minute.billed, minute.coldStarts, minute.requests, minute.errors,
          minute.warmRequests, minute.slowRequests, minute.deepQueueRequests, minute.latencyBins);
    }
    addMinutes(minutes, through + 1, newThrough);
    return true;
  }
}
