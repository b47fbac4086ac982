package io.burnrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnrate.rules.ClosedHour;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingDriftTest {
  private static ClosedHour hour(long start, long metered, long billed) {
    return new ClosedHour(start, Math.max(metered, billed), 100, false).withMeteredAndBilled(metered, billed);
  }

  @Test
  void noBillYetMeansNoRatio() {
    assertThat(BillingDrift.ratio(List.of(hour(0, 10_000_000, 0)))).isEmpty();
  }

  @Test
  void hoursWhoseBillIsStillOutDoNotDragTheRatioDown() {
    var ratio = BillingDrift.ratio(List.of(
        hour(0, 10_000_000, 9_000_000),
        hour(1, 10_000_000, 7_000_000),
        hour(2, 10_000_000, 0)));
    assertThat(ratio).isPresent();
    assertThat(ratio.getAsDouble()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void aBillAboveTheEstimateGivesARatioAboveOne() {
    assertThat(BillingDrift.ratio(List.of(hour(0, 4_000_000, 5_000_000))).getAsDouble()).isCloseTo(1.25, within(1e-12));
  }
}
