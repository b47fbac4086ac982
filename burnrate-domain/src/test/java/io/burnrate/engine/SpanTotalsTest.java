package io.burnrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.meter.Category;
import io.burnrate.rules.LatencyBins;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sums that slide from minute to minute are the sums summed anew, or they decline to slide. */
class SpanTotalsTest {
  private static final long T = Fixtures.at("2025-06-02T10:00:00Z");
  private static final long MIN = Fixtures.MINUTE;

  @Test
  void slidingSumsEqualSumsSummedAnew() {
    Random random = new Random(42);
    int slid = 0;
    int declined = 0;
    for (int trial = 0; trial < 2_000; trial++) {
      MinuteBuckets minutes = new MinuteBuckets();
      for (long m = T; m < T + 70 * MIN; m += MIN) {
        if (random.nextInt(4) > 0) {
          fill(minutes.getOrCreate(m), random);
        }
      }
      long from = T + random.nextInt(3) * MIN;
      long through = from + 59 * MIN;
      long step = (1 + random.nextInt(4)) * MIN;
      SpanTotals sliding = new SpanTotals();
      sliding.addMinutes(minutes, from, through);
      SpanTotals fresh = new SpanTotals();
      fresh.addMinutes(minutes, from + step, through + step);

      if (sliding.slide(minutes, from, through, from + step, through + step)) {
        slid++;
        assertSame(sliding, fresh);
      } else {
        declined++;
        SpanTotals unchanged = new SpanTotals();
        unchanged.addMinutes(minutes, from, through);
        assertSame(sliding, unchanged);
      }
    }
    assertThat(slid).as("most slides go through").isGreaterThan(1_000);
    assertThat(declined).as("a leaving maximum declines some").isPositive();
  }

  @Test
  void aSpanThatDoesNotMoveByWholeMatchingMinutesDoesNotSlide() {
    MinuteBuckets minutes = new MinuteBuckets();
    fill(minutes.getOrCreate(T), new Random(1));
    SpanTotals sums = new SpanTotals();
    sums.addMinutes(minutes, T, T + 59 * MIN);
    assertThat(sums.slide(minutes, T, T + 59 * MIN, T, T + 60 * MIN)).isFalse();
    assertThat(sums.slide(minutes, T, T + 59 * MIN, T + MIN, T + 61 * MIN)).isFalse();
  }

  private static void fill(MinuteBucket minute, Random random) {
    for (int c = 0; c < minute.metered.length; c++) {
      minute.metered[c] = random.nextInt(1_000_000);
    }
    minute.billed[random.nextInt(Category.COUNT)] = random.nextInt(500_000);
    minute.coldStarts = random.nextInt(3);
    minute.requests = random.nextInt(500);
    minute.errors = random.nextInt(5);
    minute.warmRequests = minute.requests - random.nextInt(3);
    minute.slowRequests = random.nextInt(10);
    minute.deepQueueRequests = random.nextInt(10);
    minute.maxQueueDepth = random.nextInt(6) == 0 ? random.nextInt(40) : 0;
    if (random.nextBoolean()) {
      minute.latencyBins = new long[LatencyBins.COUNT];
      minute.latencyBins[1 + random.nextInt(LatencyBins.COUNT - 1)] = 1 + random.nextInt(5);
      minute.slowestMs = random.nextInt(8) == 0 ? 1_000 + random.nextInt(5_000) : 0;
    }
  }

  private static void assertSame(SpanTotals actual, SpanTotals expected) {
    assertThat(actual.metered).isEqualTo(expected.metered);
    assertThat(actual.billed).isEqualTo(expected.billed);
    assertThat(new long[] {actual.coldStarts, actual.requests, actual.errors, actual.warmRequests,
        actual.slowRequests, actual.deepQueueRequests, actual.maxQueueDepth})
        .isEqualTo(new long[] {expected.coldStarts, expected.requests, expected.errors, expected.warmRequests,
            expected.slowRequests, expected.deepQueueRequests, expected.maxQueueDepth});
    assertThat(actual.slowestMs).isEqualTo(expected.slowestMs);
    assertThat(Arrays.copyOf(actual.latencyBins(), LatencyBins.COUNT)).isEqualTo(expected.latencyBins());
  }
}
