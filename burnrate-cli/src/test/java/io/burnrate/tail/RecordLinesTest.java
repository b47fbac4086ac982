package io.burnrate.tail;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class RecordLinesTest {
  private final RecordLines plain = new RecordLines(Ansi.OFF);

  @Test
  void anAlertLineSaysWhenWhoWhatAndByHowMuch() {
    String line = plain.alert(TailRecords.coldStartAlert("spiral"));
    assertThat(line).startsWith("2026-11-02 10:25Z  FIRING   WARNING ")
        .contains("spiral", "COLD_START_FREQUENCY", "11 > 10 cold starts/hour", "cold-started 11 replicas")
        .doesNotContain("\u001b[");
  }

  @Test
  void anAlertLineShowsFiguresThatDifferAsDifferentAndRatiosAsPercentages() {
    CostAlert spend = CostAlert.newBuilder(TailRecords.coldStartAlert("chat"))
        .setRule(AlertRule.HOURLY_SPEND_RATE).setObserved(0.8812).setThreshold(0.88).setUnit("USD").build();
    CostAlert errors = CostAlert.newBuilder(TailRecords.coldStartAlert("chat"))
        .setRule(AlertRule.ERROR_RATE).setSeverity(Severity.CRITICAL).setObserved(0.0146).setThreshold(0.01)
        .setUnit("ratio").build();
    CostAlert idle = CostAlert.newBuilder(TailRecords.coldStartAlert("chat"))
        .setRule(AlertRule.LOW_UTILIZATION).setSeverity(Severity.INFO).setObserved(0.043).setThreshold(0.1)
        .setUnit("ratio").build();

    assertThat(plain.alert(spend)).contains("HOURLY_SPEND_RATE", " 0.8812 > 0.88 USD ");
    assertThat(plain.alert(errors)).contains("ERROR_RATE", " 1.46 % > 1.00 % ");
    assertThat(plain.alert(idle)).contains("LOW_UTILIZATION", " 4.30 % < 10.00 % ");
  }

  @Test
  void aFiringLineNeverClaimsAboveForAFigureBelowTheLine() {
    CostAlert latency = CostAlert.newBuilder(TailRecords.coldStartAlert("chat"))
        .setRule(AlertRule.HIGH_LATENCY).setObserved(487.86).setThreshold(500).setUnit("ms").build();
    assertThat(plain.alert(latency)).contains(" 487.86 < 500 ms ").doesNotContain(">");
  }

  @Test
  void aResolvedLineShowsTheValueBackOnTheSafeSide() {
    CostAlert back = CostAlert.newBuilder(TailRecords.coldStartAlert("spiral"))
        .setStatus(AlertStatus.RESOLVED).setObserved(4).setMessage("spiral cold starts are back to 4").build();
    CostAlert over = CostAlert.newBuilder(TailRecords.coldStartAlert("spiral"))
        .setRule(AlertRule.DAILY_BUDGET_120).setStatus(AlertStatus.RESOLVED).setObserved(300).setThreshold(288)
        .setUnit("USD").setMessage("spiral: budget day 2026-11-02 is over").build();

    assertThat(plain.alert(back)).contains("RESOLVED", " 4 <= 10 cold starts/hour ");
    assertThat(plain.alert(over)).contains("RESOLVED", " 300.00 USD (threshold 288.00 USD) ");
  }

  @Test
  void colourOnlyWhenAsked() {
    assertThat(new RecordLines(Ansi.ON).alert(TailRecords.coldStartAlert("spiral"))).contains("\u001b[");
  }

  @Test
  void aCommandLineSaysTheActionTheTargetAndWhetherItIsADryRun() {
    assertThat(plain.command(TailRecords.minReplicasCommand("spiral")))
        .contains("COMMAND", "spiral", "SET_MIN_REPLICAS", "-> 1 replicas", "(dry run)", "keep one replica warm");
  }

  @Test
  void aMetricsLineShowsMissingValuesAsDashes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timestamp", TailRecords.T.toEpochMilli());
    m.put("endpoint_id", "ep");
    m.put("spend_usd", 12.5);
    m.put("metered_usd", 12.5);
    m.put("billed_usd", 0.0);
    m.put("requests", 0);
    m.put("cost_per_request_usd", null);
    m.put("utilization", null);
    m.put("daily_spend_usd", 30.0);
    m.put("daily_budget_usd", 240.0);
    assertThat(plain.metrics(m)).contains("ep", "spend $12.50", "$/request -", "utilization -", "day $30.00 of $240.00");
  }

  @Test
  void jsonUsesTheContractNamesEpochMillisAndEnumNames() {
    Map<String, Object> json = RecordJson.of(TailRecords.coldStartAlert("spiral"));
    assertThat(json).containsEntry("alert_id", "a-spiral").containsEntry("rule", "COLD_START_FREQUENCY")
        .containsEntry("detected_at", TailRecords.T.toEpochMilli()).containsEntry("baseline", null);
  }
}
