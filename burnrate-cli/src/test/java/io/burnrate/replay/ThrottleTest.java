package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  private static final long SECOND = 1_000_000_000L;

  /** A clock that only the sleeper (and the test) moves. */
  private long now = 5 * SECOND;
  private final List<Long> sleeps = new ArrayList<>();

  private Throttle throttle(double rowsPerSecond) {
    return Throttle.perSecond(rowsPerSecond, () -> now, nanos -> {
      sleeps.add(nanos);
      now += nanos;
    });
  }

  @Test
  void spacesRowsEvenlyAfterTheFirst() throws InterruptedException {
    Throttle throttle = throttle(10);

    for (int i = 0; i < 11; i++) {
      throttle.acquire();
    }

    assertThat(sleeps).hasSize(10).allSatisfy(nanos -> assertThat(nanos).isEqualTo(SECOND / 10));
    assertThat(now - 5 * SECOND).isEqualTo(SECOND);
  }

  @Test
  void aFastRateLetsATenthOfASecondThroughBeforeWaiting() throws InterruptedException {
    Throttle throttle = throttle(1000);

    long slept = 0;
    for (int i = 0; i < 100; i++) {
      slept += throttle.acquire();
    }
    assertThat(slept).isZero();

    for (int i = 0; i < 1000; i++) {
      slept += throttle.acquire();
    }
    assertThat(now - 5 * SECOND).isEqualTo(SECOND);
    assertThat(slept).isEqualTo(SECOND);
  }

  @Test
  void timeSpentElsewhereCountsSoNoWaitIsNeeded() throws InterruptedException {
    Throttle throttle = throttle(2);
    throttle.acquire();

    now += SECOND;

    assertThat(throttle.acquire()).isZero();
    assertThat(throttle.acquire()).isEqualTo(SECOND / 2);
  }

  @Test
  void anOversleepIsMadeUpFromTheBucketWithoutABurstBeyondIt() throws InterruptedException {
    Throttle throttle = Throttle.perSecond(100, () -> now, nanos -> now += nanos * 3);
    for (int i = 0; i < 10; i++) {
      throttle.acquire();
    }
    long start = now;

    for (int i = 0; i < 100; i++) {
      throttle.acquire();
    }

    // 100 rows at 100 rows/s take about a second even though each sleep lasts three times too long.
    assertThat(now - start).isBetween(SECOND * 9 / 10, SECOND * 13 / 10);
  }

  @Test
  void unlimitedNeverWaitsAndABadRateIsRefused() throws InterruptedException {
    Throttle unlimited = Throttle.unlimited();
    for (int i = 0; i < 1000; i++) {
      assertThat(unlimited.acquire()).isZero();
    }
    assertThat(unlimited.isLimited()).isFalse();
    assertThatThrownBy(() -> Throttle.perSecond(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the rate must be a positive number of rows per second, not 0.0");
    assertThatThrownBy(() -> Throttle.perSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
