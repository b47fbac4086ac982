package io.burnrate.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), 6);

    assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(2000));
    assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delayAfter(50)).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.totalDelay()).isEqualTo(Duration.ofMillis(500 + 1000 + 2000 + 3000 + 3000));
  }

  @Test
  void theDefaultWaitsAtMostAFewMinutesInAll() {
    assertThat(Backoff.DEFAULT.totalDelay()).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(4));
  }

  @Test
  void impossibleSettingsAreRefusedWithTheirValues() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
        .hasMessageContaining("initial PT2S").hasMessageContaining("max PT1S");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ZERO, 0)).hasMessageContaining("got 0");
  }
}
