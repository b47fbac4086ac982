package io.burnrate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SliceStatsTest {

  @Test
  void totalsKeepMeteredAndBilledApart() {
    SliceStats slice = new SliceStats(0, 3_600_000);
    slice.metered[Category.COMPUTE] = 1_200_000;
    slice.metered[Category.COLD_START_TRANSFER] = 2_340_000;
    slice.billed[Category.COMPUTE] = 1_500_000;
    slice.billed[Category.EGRESS] = 100_000;

    assertThat(slice.meteredMicros()).isEqualTo(3_540_000);
    assertThat(slice.billedMicros()).isEqualTo(1_600_000);
    assertThat(slice.visibleMicros()).isEqualTo(1_500_000 + 2_340_000 + 100_000);
  }

  @Test
  void mergeAddsCountsAndKeepsTheLargerMaximum() {
    SliceStats first = new SliceStats(0, 1_800_000);
    first.metered[Category.COMPUTE] = 600_000;
    first.requests = 10;
    first.errors = 1;
    first.coldStarts = 2;
    first.scaleEvents = 3;
    first.scaleUps = 2;
    first.maxReplicas = 4;
    first.busyMicros = 1_000;
    first.readyReplicaMs = 60_000;
    first.recordWarmLatency(100);
    SliceStats second = new SliceStats(1_800_000, 3_600_000);
    second.metered[Category.COMPUTE] = 600_000;
    second.billed[Category.STORAGE] = 50_000;
    second.requests = 5;
    second.maxReplicas = 2;
    second.recordWarmLatency(300);
    second.recordWarmLatency(-5);

    SliceStats hour = new SliceStats(0, 3_600_000);
    hour.mergeFrom(first);
    hour.mergeFrom(second);

    assertThat(hour.metered[Category.COMPUTE]).isEqualTo(1_200_000);
    assertThat(hour.billed[Category.STORAGE]).isEqualTo(50_000);
    assertThat(hour.requests).isEqualTo(15);
    assertThat(hour.errors).isEqualTo(1);
    assertThat(hour.coldStarts).isEqualTo(2);
    assertThat(hour.scaleEvents).isEqualTo(3);
    assertThat(hour.scaleUps).isEqualTo(2);
    assertThat(hour.maxReplicas).isEqualTo(4);
    assertThat(hour.busyMicros).isEqualTo(1_000);
    assertThat(hour.readyReplicaMs).isEqualTo(60_000);
    assertThat(hour.warmLatency.getCount()).isEqualTo(3.0);
    assertThat(hour.warmLatency.getMinValue()).isEqualTo(0.0);
  }

  @Test
  void mergingASliceWithoutLatenciesLeavesNoSketch() {
    SliceStats hour = new SliceStats(0, 3_600_000);
    hour.mergeFrom(new SliceStats(0, 3_600_000));
    assertThat(hour.warmLatency).isNull();
  }
}
