package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AutoscalerTest {
  private static final long MINUTE = 60_000;
  private static final long DELAY = 10 * MINUTE;

  @Test
  void scalesUpAssoonAsUtilizationIsAbove70Percent() {
    Autoscaler autoscaler = new Autoscaler(1, 10, DELAY);
    assertThat(autoscaler.desired(0, 1.40, 2)).as("exactly 70 %% keeps the count").isEqualTo(2);
    // 75 % of 2 replicas: one more (50 %).
    assertThat(autoscaler.desired(MINUTE, 1.50, 2)).isEqualTo(3);
    // 130 % of 3 replicas: enough for 60 %.
    assertThat(autoscaler.desired(2 * MINUTE, 3.90, 3)).isEqualTo(7);
  }

  @Test
  void scalesDownBelow30PercentOnlyAfterTheDelay() {
    Autoscaler autoscaler = new Autoscaler(1, 10, DELAY);
    assertThat(autoscaler.desired(0, 0.5, 4)).isEqualTo(4);
    assertThat(autoscaler.desired(5 * MINUTE, 0.5, 4)).isEqualTo(4);
    assertThat(autoscaler.desired(DELAY - 1, 0.5, 4)).isEqualTo(4);
    assertThat(autoscaler.desired(DELAY, 0.5, 4)).isEqualTo(1);
  }

  @Test
  void aBusyMomentRestartsTheDelay() {
    Autoscaler autoscaler = new Autoscaler(1, 10, DELAY);
    autoscaler.desired(0, 0.5, 4);
    assertThat(autoscaler.desired(8 * MINUTE, 2.0, 4)).as("50 %%: neither up nor down").isEqualTo(4);
    assertThat(autoscaler.desired(9 * MINUTE, 0.5, 4)).isEqualTo(4);
    assertThat(autoscaler.desired(DELAY + MINUTE, 0.5, 4)).isEqualTo(4);
    assertThat(autoscaler.desired(9 * MINUTE + DELAY, 0.5, 4)).isEqualTo(1);
  }

  @Test
  void exactly30PercentIsNotLow() {
    Autoscaler autoscaler = new Autoscaler(1, 10, 0);
    assertThat(autoscaler.desired(0, 1.2, 4)).isEqualTo(4);
  }

  @Test
  void staysWithinMinAndMax() {
    Autoscaler autoscaler = new Autoscaler(2, 5, DELAY);
    assertThat(autoscaler.desired(0, 40.0, 3)).isEqualTo(5);
    assertThat(autoscaler.desired(MINUTE, 0.0, 5)).isEqualTo(5);
    assertThat(autoscaler.desired(MINUTE + DELAY, 0.0, 5)).isEqualTo(2);
    assertThat(autoscaler.desired(MINUTE + 3 * DELAY, 0.0, 2)).isEqualTo(2);
    assertThat(autoscaler.desired(0, 0.0, 0)).as("below min is raised to min").isEqualTo(2);
  }

  @Test
  void withMinZeroAnIdleEndpointGoesToZeroAndTheFirstRequestWakesIt() {
    Autoscaler autoscaler = new Autoscaler(0, 6, DELAY);
    assertThat(autoscaler.desired(0, 0.0, 3)).isEqualTo(3);
    assertThat(autoscaler.desired(DELAY, 0.0, 3)).isEqualTo(0);
    assertThat(autoscaler.desired(DELAY + MINUTE, 0.0, 0)).isEqualTo(0);
    assertThat(autoscaler.desired(DELAY + 2 * MINUTE, 0.01, 0)).isEqualTo(1);
    assertThat(autoscaler.desired(DELAY + 3 * MINUTE, 2.2, 0)).isEqualTo(4);
  }

  @Test
  void aSmallTrickleKeepsOneReplica() {
    Autoscaler autoscaler = new Autoscaler(0, 6, 0);
    assertThat(autoscaler.desired(0, 0.05, 2)).isEqualTo(1);
  }

  @Test
  void refusesImpossibleLimits() {
    assertThatThrownBy(() -> new Autoscaler(3, 2, DELAY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min 3, max 2");
  }
}
