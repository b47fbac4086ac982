package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaceTest {
  private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
  private long nanos;
  private final List<Long> sleeps = new ArrayList<>();

  private Pace pace(double speed) {
    return Pace.of(speed, START, () -> nanos, millis -> {
      sleeps.add(millis);
      nanos += millis * 1_000_000;
    });
  }

  @Test
  void holdsRecordsBackUntilSimulatedTimeIsDueAtTheSpeed() throws Exception {
    Pace pace = pace(720);
    pace.await(START.toEpochMilli());
    // An hour of simulated time at 720x is five real seconds.
    pace.await(START.plusSeconds(3600).toEpochMilli());
    assertThat(sleeps).containsExactly(5_000L);
    assertThat(nanos).isEqualTo(5_000_000_000L);
  }

  @Test
  void doesNotWaitWhenBehind() throws Exception {
    Pace pace = pace(720);
    pace.await(START.toEpochMilli());
    nanos += 10_000_000_000L;
    pace.await(START.plusSeconds(3600).toEpochMilli());
    assertThat(sleeps).isEmpty();
  }

  @Test
  void skipsWaitsTooShortToMatter() throws Exception {
    Pace pace = pace(1000);
    pace.await(START.toEpochMilli());
    pace.await(START.plusSeconds(2).toEpochMilli());
    assertThat(sleeps).isEmpty();
    pace.await(START.plusSeconds(10).toEpochMilli());
    assertThat(sleeps).containsExactly(10L);
  }

  @Test
  void unpacedNeverWaits() throws Exception {
    Pace pace = Pace.unpaced();
    assertThat(pace.isPaced()).isFalse();
    long before = System.nanoTime();
    pace.await(START.plusSeconds(86_400 * 365L).toEpochMilli());
    assertThat(System.nanoTime() - before).isLessThan(1_000_000_000L);
  }

  @Test
  void refusesANonPositiveSpeed() {
    assertThatThrownBy(() -> pace(0)).hasMessageContaining("speed must be more than 0");
  }
}
