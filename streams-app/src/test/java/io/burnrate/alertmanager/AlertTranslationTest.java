package io.burnrate.alertmanager;

import static io.burnrate.alertmanager.TestAlerts.DETECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTranslationTest {
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  @Test
  void firingAlertCarriesTheRuleEndpointSeverityIdAndOwnerAsLabels() {
    AlertmanagerAlert alert = AlertTranslation.firing(TestAlerts.firing("a-1", "chat"));

    assertThat(alert.labels()).containsOnly(
        entry("alertname", "DAILY_BUDGET_120"),
        entry("endpoint", "chat"),
        entry("severity", "WARNING"),
        entry("alert_id", "a-1"),
        entry("owner", "team-chat"));
    assertThat(alert.annotations()).containsOnly(
        entry("summary", "chat spent $300.00 today, 125% of its $240.00 budget"),
        entry("observed", "300"),
        entry("threshold", "288"),
        entry("unit", "USD"));
    assertThat(alert.startsAt()).isEqualTo(DETECTED);
    assertThat(alert.endsAt()).isNull();
  }

  @Test
  void anAlertWithoutOwnerHasNoOwnerLabelAndABaselineBecomesAnAnnotation() {
    CostAlert spike = CostAlert.newBuilder(TestAlerts.firing("a-2", "embed"))
        .setRule(AlertRule.COST_SPIKE).setSeverity(Severity.CRITICAL)
        .setOwner(null).setBaseline(12.5).setObserved(0.1 + 0.2).build();

    AlertmanagerAlert alert = AlertTranslation.firing(spike);

    assertThat(alert.labels()).doesNotContainKey("owner")
        .containsEntry("alertname", "COST_SPIKE").containsEntry("severity", "CRITICAL");
    assertThat(alert.annotations()).containsEntry("baseline", "12.5").containsEntry("observed", "0.30000000000000004");
  }

  @Test
  void resolvedAlertHasTheSameLabelsTheFiringStartAndEndsWhenItCleared() {
    CostAlert firing = TestAlerts.firing("a-1", "chat");
    CostAlert resolved = TestAlerts.resolved(firing, Duration.ofMinutes(20));

    AlertmanagerAlert alert = AlertTranslation.resolved(resolved, firing, NOW);

    assertThat(alert.labels()).isEqualTo(AlertTranslation.firing(firing).labels());
    assertThat(alert.startsAt()).isEqualTo(DETECTED);
    assertThat(alert.endsAt()).isEqualTo(DETECTED.plus(Duration.ofMinutes(20)));
    assertThat(alert.annotations()).containsEntry("summary", "chat is back under its budget")
        .containsEntry("observed", "300");
  }

  @Test
  void resolvedAlertOfAnUnknownFiringStartsWhenItEnds() {
    CostAlert resolved = TestAlerts.resolved(TestAlerts.firing("a-1", "chat"), Duration.ofMinutes(20));

    AlertmanagerAlert alert = AlertTranslation.resolved(resolved, null, NOW);

    assertThat(alert.startsAt()).isEqualTo(alert.endsAt()).isEqualTo(resolved.getDetectedAt());
  }

  @Test
  void anEndInTheFutureIsBroughtBackToNowSoAlertmanagerResolvesItAtOnce() {
    CostAlert firing = CostAlert.newBuilder(TestAlerts.firing("a-1", "chat")).setDetectedAt(NOW.plusSeconds(60)).build();
    CostAlert resolved = TestAlerts.resolved(firing, Duration.ofMinutes(5));

    AlertmanagerAlert alert = AlertTranslation.resolved(resolved, firing, NOW);

    assertThat(alert.endsAt()).isEqualTo(NOW);
    assertThat(alert.startsAt()).isEqualTo(NOW);
  }

  @Test
  void theJsonIsWhatAlertmanagersV2ApiTakes() {
    CostAlert firing = TestAlerts.firing("a-1", "chat");
    String json = new String(AlertmanagerClient.body(List.of(
        AlertTranslation.firing(firing),
        AlertTranslation.resolved(TestAlerts.resolved(firing, Duration.ofMinutes(20)), firing, NOW))),
        StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("[{\"labels\":{\"alert_id\":\"a-1\",\"alertname\":\"DAILY_BUDGET_120\","
        + "\"endpoint\":\"chat\",\"owner\":\"team-chat\",\"severity\":\"WARNING\"},"
        + "\"annotations\":{\"observed\":\"300\",\"summary\":\"chat spent $300.00 today, 125% of its $240.00 budget\","
        + "\"threshold\":\"288\",\"unit\":\"USD\"},\"startsAt\":\"2026-03-02T10:15:00Z\"},"
        + "{\"labels\":{\"alert_id\":\"a-1\",\"alertname\":\"DAILY_BUDGET_120\",\"endpoint\":\"chat\","
        + "\"owner\":\"team-chat\",\"severity\":\"WARNING\"},"
        + "\"annotations\":{\"observed\":\"300\",\"summary\":\"chat is back under its budget\","
        + "\"threshold\":\"288\",\"unit\":\"USD\"},"
        + "\"startsAt\":\"2026-03-02T10:15:00Z\",\"endsAt\":\"2026-03-02T10:35:00Z\"}]");
  }

  @Test
  void numbersAreWrittenPlainly() {
    assertThat(AlertTranslation.number(300.0)).isEqualTo("300");
    assertThat(AlertTranslation.number(0.125)).isEqualTo("0.125");
    assertThat(AlertTranslation.number(1e-7)).isEqualTo("0.0000001");
    assertThat(AlertTranslation.number(2.5e9)).isEqualTo("2500000000");
  }
}
