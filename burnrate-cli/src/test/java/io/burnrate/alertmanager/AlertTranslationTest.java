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
        entry("observed", "300.00 USD"),
        entry("threshold", "288.00 USD"),
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
    assertThat(alert.annotations()).containsEntry("baseline", "12.50 USD").containsEntry("observed", "0.30 USD")
        .containsEntry("threshold", "288.00 USD");
  }

  @Test
  void observedAndThresholdAreToldApartAndARatioIsAPercentage() {
    CostAlert spend = CostAlert.newBuilder(TestAlerts.firing("a-3", "chat"))
        .setRule(AlertRule.HOURLY_SPEND_RATE).setObserved(0.8812).setThreshold(0.88).build();
    CostAlert errors = CostAlert.newBuilder(TestAlerts.firing("a-4", "chat"))
        .setRule(AlertRule.ERROR_RATE).setObserved(0.0146).setThreshold(0.01).setUnit("ratio").build();

    assertThat(AlertTranslation.firing(spend).annotations())
        .containsEntry("observed", "0.8812 USD").containsEntry("threshold", "0.88 USD").containsEntry("unit", "USD");
    assertThat(AlertTranslation.firing(errors).annotations())
        .containsEntry("observed", "1.46 %").containsEntry("threshold", "1.00 %").containsEntry("unit", "ratio");
  }

  @Test
  void theRegionalBaselineIsAPriceNotARatio() {
    CostAlert variance = CostAlert.newBuilder(TestAlerts.firing("a-5", "chat"))
        .setRule(AlertRule.REGIONAL_COST_VARIANCE).setSeverity(Severity.INFO)
        .setObserved(0.4567).setThreshold(0.3).setBaseline(0.805).setUnit("ratio").build();

    assertThat(AlertTranslation.firing(variance).annotations())
        .containsEntry("observed", "45.67 %").containsEntry("threshold", "30.00 %")
        .containsEntry("baseline", "0.8050 USD/instance-hour");
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
        .containsEntry("observed", "300.00 USD");
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
        + "\"annotations\":{\"observed\":\"300.00 USD\",\"summary\":\"chat spent $300.00 today, 125% of its $240.00 budget\","
        + "\"threshold\":\"288.00 USD\",\"unit\":\"USD\"},\"startsAt\":\"2026-03-02T10:15:00Z\"},"
        + "{\"labels\":{\"alert_id\":\"a-1\",\"alertname\":\"DAILY_BUDGET_120\",\"endpoint\":\"chat\","
        + "\"owner\":\"team-chat\",\"severity\":\"WARNING\"},"
        + "\"annotations\":{\"observed\":\"300.00 USD\",\"summary\":\"chat is back under its budget\","
        + "\"threshold\":\"288.00 USD\",\"unit\":\"USD\"},"
        + "\"startsAt\":\"2026-03-02T10:15:00Z\",\"endsAt\":\"2026-03-02T10:35:00Z\"}]");
  }
}
