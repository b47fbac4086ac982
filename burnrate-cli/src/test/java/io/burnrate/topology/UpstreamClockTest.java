package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamClockTest {
  private static final long IDLE = 120_000;

  @Test
  void settlesUpToTheLeastProgressOfTheUpstreamPartitions() {
    UpstreamClock clock = new UpstreamClock(IDLE);
    clock.onProgress(0, 5_000, 0);
    assertThat(clock.settled(0)).isEqualTo(5_000);

    clock.onProgress(1, 2_000, 0);
    clock.onProgress(0, 9_000, 0);
    assertThat(clock.settled(0)).as("partition 1 is behind").isEqualTo(2_000);

    clock.onProgress(1, 12_000, 0);
    assertThat(clock.settled(0)).isEqualTo(9_000);
  }

  @Test
  void anUpstreamWithAClosedHourButNoProgressYetHoldsTheOthersBack() {
    UpstreamClock clock = new UpstreamClock(IDLE);
    clock.onProgress(0, 5_000, 0);
    clock.onFigures(1, 4_000, 0);

    assertThat(clock.settled(0)).isEqualTo(UpstreamClock.NONE);
  }

  @Test
  void anUpstreamSilentForTheIdleTimeNoLongerHoldsTheOthersBack() {
    UpstreamClock clock = new UpstreamClock(IDLE);
    clock.onProgress(0, 2_000, 0);
    clock.onProgress(1, 9_000, 100_000);

    assertThat(clock.settled(IDLE - 1)).isEqualTo(2_000);
    assertThat(clock.settled(IDLE)).isEqualTo(9_000);
    assertThat(clock.settled(100_000 + IDLE)).as("all silent: as far as any has come").isEqualTo(9_000);
  }

  @Test
  void untaggedClosedHoursCountAsOneUpstreamCompleteUpToTheirPreviousStamp() {
    UpstreamClock clock = new UpstreamClock(IDLE);
    clock.onFigures(UpstreamClock.UNTAGGED, 1_000, 0);
    clock.onFigures(UpstreamClock.UNTAGGED, 1_000, 0);
    assertThat(clock.settled(0)).isEqualTo(UpstreamClock.NONE);

    clock.onFigures(UpstreamClock.UNTAGGED, 3_000, 0);
    assertThat(clock.settled(0)).isEqualTo(1_000);
  }

  @Test
  void restoredProgressHoldsAsBeforeAndCountsAsHeardFromAtTheRestart() {
    UpstreamClock clock = new UpstreamClock(IDLE);
    clock.restore(Map.of(0, 7_000L, 1, 3_000L), UpstreamClock.NONE, 500_000);

    assertThat(clock.settled(500_000 + IDLE - 1)).isEqualTo(3_000);
    clock.onProgress(1, 8_000, 500_001);
    assertThat(clock.settled(500_002)).isEqualTo(7_000);
  }
}
