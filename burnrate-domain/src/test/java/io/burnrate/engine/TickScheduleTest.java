package io.burnrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickScheduleTest {
  private static final long STEP = 60_000;

  @Test
  void aRecordsTimeFallsAfterTheLastBoundaryAtOrBeforeIt() {
    TickSchedule ticks = new TickSchedule(STEP);
    assertThat(ticks.boundaryOf(120_000)).isEqualTo(120_000);
    assertThat(ticks.boundaryOf(179_999)).isEqualTo(120_000);
    assertThat(ticks.boundaryOf(-1)).as("before 1970 too").isEqualTo(-60_000);
    assertThat(ticks.next(120_000)).isEqualTo(180_000);
  }

  @Test
  void anEndpointIsDueFromItsWakeOnAndOneInMotionAtEveryBoundary() {
    TickSchedule ticks = new TickSchedule(STEP);
    ticks.schedule("ep-b", 180_000);
    ticks.schedule("ep-c", EndpointEngine.EVERY_STEP);
    ticks.schedule("ep-a", 120_000);

    assertThat(ticks.dueAt(60_000)).containsExactly("ep-c");
    assertThat(ticks.dueAt(120_000)).containsExactly("ep-a", "ep-c");
    assertThat(ticks.dueAt(240_000)).as("in endpoint order").containsExactly("ep-a", "ep-b", "ep-c");
  }

  @Test
  void schedulingAgainReplacesTheEarlierWakeAndNeverTakesItOff() {
    TickSchedule ticks = new TickSchedule(STEP);
    ticks.schedule("ep-a", EndpointEngine.EVERY_STEP);
    ticks.schedule("ep-a", 600_000);
    ticks.schedule("ep-b", 120_000);
    ticks.schedule("ep-b", Long.MAX_VALUE);

    assertThat(ticks.dueAt(540_000)).isEmpty();
    assertThat(ticks.dueAt(600_000)).containsExactly("ep-a");
  }
}
