package io.burnrate.engine;

import io.burnrate.core.Time;
import io.burnrate.meter.Category;
import java.time.LocalDate;
import java.time.ZoneId;

/** One budget day of an endpoint: the spend the rules see and which budget tiers fired. */
public final class DayState {
  public final long dayStart;
  public final long dayEnd;
  /** Sum over the day's slices of per-category max(metered, billed). */
  public long visibleMicros;
  public final long[] metered = new long[Category.METERED_COUNT];
  public final long[] billed = new long[Category.COUNT];
  public long scaleUps;
  /** Bit i set: budget tier i of {@link BudgetTiers#RULES} is FIRING. */
  public int firedTiers;
  /** AUTOSCALING_THRASH and BUDGET_FORECAST of this day: {@link #QUIET}, {@link #FIRING} or {@link #DONE}. */
  public byte thrash;
  public byte forecast;

  public static final byte QUIET = 0;
  public static final byte FIRING = 1;
  public static final byte DONE = 2;

  /** Not stored: the budget day's local date, once asked for. */
  private LocalDate date;

  public DayState(long dayStart, long dayEnd) {
    this.dayStart = dayStart;
    this.dayEnd = dayEnd;
  }

  public boolean tierFired(int tier) {
    return (firedTiers & (1 << tier)) != 0;
  }

  public void setTierFired(int tier, boolean fired) {
    firedTiers = fired ? firedTiers | (1 << tier) : firedTiers & ~(1 << tier);
  }

  /** The local date of the budget day in {@code zone}, computed once: zone arithmetic is costly. */
  public LocalDate date(ZoneId zone) {
    if (date == null) {
      date = Time.localDate(dayStart, zone);
    }
    return date;
  }

  public String source() {
    return Category.source(metered, billed);
  }
}
