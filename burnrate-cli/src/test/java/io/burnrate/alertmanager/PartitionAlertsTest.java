package io.burnrate.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.CostAlert;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartitionAlertsTest {
  private final CostAlert a = TestAlerts.firing("a", "chat");
  private final CostAlert b = TestAlerts.firing("b", "chat");

  @Test
  void rebuildKeepsOnlyAlertsFiringAndNotResolved() {
    PartitionAlerts alerts = PartitionAlerts.empty();
    alerts.rebuild(0, a);
    alerts.rebuild(1, b);
    alerts.rebuild(2, TestAlerts.resolved(a, Duration.ofMinutes(5)));
    alerts.rebuiltUpTo(3);

    assertThat(alerts.active()).containsExactly(b);
    assertThat(alerts.firing("b")).isEqualTo(b);
    assertThat(alerts.firing("a")).isNull();
  }

  @Test
  void aRecordIsSupersededWhenTheRebuildSawTheSameAlertLater() {
    PartitionAlerts alerts = PartitionAlerts.empty();
    alerts.rebuild(0, a);
    alerts.rebuild(1, b);
    alerts.rebuild(2, TestAlerts.resolved(a, Duration.ofMinutes(5)));
    alerts.rebuiltUpTo(3);

    assertThat(alerts.isSuperseded(0, "a")).isTrue();
    assertThat(alerts.isSuperseded(2, "a")).isFalse();
    assertThat(alerts.isSuperseded(1, "b")).isFalse();
    assertThat(alerts.isSuperseded(5, "c")).isFalse();
  }

  @Test
  void theRebuildsOffsetsAreForgottenOncePassed() {
    PartitionAlerts alerts = PartitionAlerts.empty();
    alerts.rebuild(0, a);
    alerts.rebuild(1, TestAlerts.resolved(a, Duration.ofMinutes(5)));
    alerts.rebuiltUpTo(2);

    alerts.processed(0);
    assertThat(alerts.isSuperseded(0, "a")).isTrue();
    alerts.processed(1);
    assertThat(alerts.isSuperseded(0, "a")).isFalse();
  }

  @Test
  void applyAddsFiringAndRemovesResolvedReturningWhatItEnds() {
    PartitionAlerts alerts = PartitionAlerts.empty();
    assertThat(alerts.apply(a)).isNull();
    assertThat(alerts.activeCount()).isEqualTo(1);

    assertThat(alerts.apply(TestAlerts.resolved(a, Duration.ofMinutes(5)))).isEqualTo(a);
    assertThat(alerts.activeCount()).isZero();
    assertThat(alerts.apply(TestAlerts.resolved(a, Duration.ofMinutes(5)))).isNull();
  }
}
