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

  /**
   * Sums two spans that end at {@code now} in one pass over the buckets: {@code first} from {@code
   * firstFrom}, {@code second} from {@code secondFrom}.
   */
  static void sum(MinuteBuckets minutes, long now, SpanTotals first, long firstFrom, SpanTotals second,
      long secondFrom) {
    for (int i = minutes.firstIndexAtOrAfter(Math.min(firstFrom, secondFrom)); i < minutes.size(); i++) {
      MinuteBucket minute = minutes.at(i);
      if (minute.minuteStart > now) {
        break;
      }
      if (minute.minuteStart >= firstFrom) {
        first.add(minute);
      }
      if (minute.minuteStart >= secondFrom) {
        second.add(minute);
      }
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

  long spendMicros() {
    return Category.visible(metered, billed);
  }

  String source() {
    return Category.source(metered, billed);
  }
}
