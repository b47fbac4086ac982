package io.burnrate.tail;

import static org.assertj.core.api.Assertions.assertThat;

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
