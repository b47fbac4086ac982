package io.burnrate.engine;

import io.burnrate.meter.Category;
import java.util.NavigableMap;

/** The sums of the minute buckets from {@code from} up to {@code now}: what a sliding rule judges. */
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

  static SpanTotals of(NavigableMap<Long, MinuteBucket> minutes, long from, long now) {
    SpanTotals totals = new SpanTotals();
    for (MinuteBucket minute : minutes.tailMap(from, true).values()) {
      if (minute.minuteStart > now) {
        break;
      }
      for (int c = 0; c < totals.metered.length; c++) {
        totals.metered[c] += minute.metered[c];
      }
      for (int c = 0; c < totals.billed.length; c++) {
        totals.billed[c] += minute.billed[c];
      }
      totals.coldStarts += minute.coldStarts;
      totals.requests += minute.requests;
      totals.errors += minute.errors;
      totals.warmRequests += minute.warmRequests;
      totals.slowRequests += minute.slowRequests;
      totals.deepQueueRequests += minute.deepQueueRequests;
      totals.maxQueueDepth = Math.max(totals.maxQueueDepth, minute.maxQueueDepth);
    }
    return totals;
  }

  long spendMicros() {
    return Category.visible(metered, billed);
  }

  String source() {
    return Category.source(metered, billed);
  }
}
