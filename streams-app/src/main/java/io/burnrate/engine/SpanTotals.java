package io.burnrate.engine;

import io.burnrate.meter.Category;

/** The sums of the minute buckets from a span's start up to {@code now}: what a sliding rule judges. */
final class SpanTotals {
  final long[] metered = new long[Category.METERED_COUNT];
  final long[] billed = new long[Category.COUNT];
  long coldStarts;
  long requests;
  long errors;
  long warmRequests;
  long slowRequests;
  long deepQueueRequests;
  int maxQueueDepth;

  /** Adds the buckets that start in [{@code from}, {@code through}]. */
  void addMinutes(MinuteBuckets minutes, long from, long through) {
    for (int i = minutes.firstIndexAtOrAfter(from); i < minutes.size(); i++) {
      MinuteBucket minute = minutes.at(i);
      if (minute.minuteStart > through) {
        break;
      }
      add(minute);
    }
  }

  private void add(MinuteBucket minute) {
    for (int c = 0; c < metered.length; c++) {
      metered[c] += minute.metered[c];
    }
    for (int c = 0; c < billed.length; c++) {
      billed[c] += minute.billed[c];
    }
    coldStarts += minute.coldStarts;
    requests += minute.requests;
    errors += minute.errors;
    warmRequests += minute.warmRequests;
    slowRequests += minute.slowRequests;
    deepQueueRequests += minute.deepQueueRequests;
    maxQueueDepth = Math.max(maxQueueDepth, minute.maxQueueDepth);
  }

  /** Adds another span's sums: the totals of the two spans together. */
  void add(SpanTotals other) {
    for (int c = 0; c < metered.length; c++) {
      metered[c] += other.metered[c];
    }
    for (int c = 0; c < billed.length; c++) {
      billed[c] += other.billed[c];
    }
    coldStarts += other.coldStarts;
    requests += other.requests;
    errors += other.errors;
    warmRequests += other.warmRequests;
    slowRequests += other.slowRequests;
    deepQueueRequests += other.deepQueueRequests;
    maxQueueDepth = Math.max(maxQueueDepth, other.maxQueueDepth);
  }

  long spendMicros() {
    return Category.visible(metered, billed);
  }

  String source() {
    return Category.source(metered, billed);
  }
}
