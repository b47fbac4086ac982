package io.burnrate.engine;

import io.burnrate.meter.Category;

/** One minute of an endpoint's recent activity, for the rules over "any 60 minutes". */
public final class MinuteBucket {
  public final long minuteStart;
  public final long[] metered = new long[Category.METERED_COUNT];
  public final long[] billed = new long[Category.COUNT];
  public long coldStarts;
  public long requests;
  public long errors;

  public MinuteBucket(long minuteStart) {
    this.minuteStart = minuteStart;
  }
}
