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
    add(minute.metered, minute.billed, minute.coldStarts, minute.requests, minute.errors, minute.warmRequests,
        minute.slowRequests, minute.deepQueueRequests, minute.maxQueueDepth);
  }

  /** Adds another span's sums: the totals of the two spans together. */
  void add(SpanTotals other) {
    add(other.metered, other.billed, other.coldStarts, other.requests, other.errors, other.warmRequests,
        other.slowRequests, other.deepQueueRequests, other.maxQueueDepth);
  }

  private void add(long[] meteredMicros, long[] billedMicros, long coldStarts, long requests, long errors,
      long warmRequests, long slowRequests, long deepQueueRequests, int maxQueueDepth) {
    for (int c = 0; c < metered.length; c++) {
      metered[c] += meteredMicros[c];
    }
    for (int c = 0; c < billed.length; c++) {
      billed[c] += billedMicros[c];
    }
    this.coldStarts += coldStarts;
    this.requests += requests;
    this.errors += errors;
    this.warmRequests += warmRequests;
    this.slowRequests += slowRequests;
    this.deepQueueRequests += deepQueueRequests;
    this.maxQueueDepth = Math.max(this.maxQueueDepth, maxQueueDepth);
  }

  long spendMicros() {
    return Category.visible(metered, billed);
  }

  String source() {
    return Category.source(metered, billed);
  }
}
