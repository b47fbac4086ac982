package io.burnrate.engine;

import io.burnrate.core.Time;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader outside the engine (the HTTP queries) may know of an endpoint's state: how far its
 * event time has come and its budget day at that instant. A copy: changing the state later does not
 * change it, and nothing in it changes the state.
 *
 * @param clock the endpoint's event time
 * @param day its budget day at {@code clock}
 */
public record EndpointSnapshot(long clock, Day day) {

  /**
   * One budget day so far, in micro-dollars.
   *
   * @param start first instant of the day (in the endpoint's zone)
   * @param spendMicros the spend the rules judge
   * @param source where that spend comes from ("metered", "billed" or both)
   * @param firedTiers the budget tiers fired this day, lowest first
   */
  public record Day(long start, long spendMicros, long meteredMicros, long billedMicros, String source,
      List<String> firedTiers) {}

  /** The snapshot of {@code state}, its budget day taken in {@code zone}. */
  public static EndpointSnapshot of(EndpointState state, ZoneId zone) {
    long dayStart = Time.dayStart(state.clock, zone);
    DayState day = state.days.get(dayStart);
    if (day == null) {
      return new EndpointSnapshot(state.clock, new Day(dayStart, 0, 0, 0, "metered", List.of()));
    }
    List<String> fired = new ArrayList<>();
    for (int tier = 0; tier < BudgetTiers.RULES.size(); tier++) {
      if (day.tierFired(tier)) {
        fired.add(BudgetTiers.RULES.get(tier).name());
      }
    }
    return new EndpointSnapshot(state.clock, new Day(dayStart, day.visibleMicros, sum(day.metered),
        sum(day.billed), day.source(), List.copyOf(fired)));
  }

  private static long sum(long[] micros) {
    long total = 0;
    for (long m : micros) {
      total += m;
    }
    return total;
  }
}
