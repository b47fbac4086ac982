package io.burnrate.engine;

import io.burnrate.core.Money;
import io.burnrate.core.Time;

/**
 * Spreads a billing line item over the slices and kept minutes its usage period covers, in
 * proportion to the time, with the rounding remainder on the last piece so the pieces add up to the
 * bill exactly; a correction takes the earlier version back first (sign -1).
 */
final class BillAllocation {
  private BillAllocation() {
  }

  static void distribute(Step step, Events.LineItem item, int sign) {
    long start = item.usageStart();
    long end = item.usageEnd();
    int category = item.category();
    long cost = item.costMicros();
    if (end <= start) {
      step.addBilled(step.slice(start), category, sign * cost);
      noteBilledHour(step, start);
    } else {
      long allocated = 0;
      for (long s = start; s < end; ) {
        long e = Math.min(end, step.sliceEnd(s));
        long share = e == end ? cost - allocated : Money.share(cost, e - s, end - start);
        allocated += share;
        step.addBilled(step.slice(s), category, sign * share);
        noteBilledHour(step, s);
        s = e;
      }
    }
    long from = Math.max(Time.minuteStart(start), step.firstKeptMinute());
    long to = Math.min(end <= start ? start + 1 : end, Time.minuteStart(step.now) + Time.MINUTE_MS);
    for (long m = from; m < to; m += Time.MINUTE_MS) {
      long overlap = end <= start
          ? cost
          : Money.share(cost, Step.overlap(start, end, m, m + Time.MINUTE_MS), end - start);
      if (overlap != 0) {
        step.minuteAt(m).billed[category] += sign * overlap;
      }
    }
  }

  private static void noteBilledHour(Step step, long t) {
    long hour = Time.hourStart(t);
    if (hour < step.state.nextHourToClose && !step.billedClosedHours.contains(hour)) {
      step.billedClosedHours.add(hour);
    }
  }
}
