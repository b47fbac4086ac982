package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputReportTest {
  private static final long INPUT = 1_000;

  private static Conditions conditions(List<Guarantee> guarantees, int repetitions) {
    Map<String, Long> perTopic = new LinkedHashMap<>();
    perTopic.put("inference.requests", 900L);
    perTopic.put("inference.replicas", 60L);
    perTopic.put("billing.events", 40L);
    return new Conditions(2, "4.3.1", "17.0.15", 1L << 30, true, guarantees, 200, 64L << 20, 1000, 1, 3, 10,
        perTopic, 10, "2026-11-02T00:00:00Z .. 2026-11-02T23:00:00Z", repetitions);
  }

  /** A run of {@code INPUT} records taking {@code elapsedMs}. */
  private static RunResult run(AppKind app, Guarantee guarantee, int repetition, long elapsedMs) {
    Map<String, Long> outputs = app == AppKind.BASELINE
        ? Map.of("inference.requests", 900L, "inference.replicas", 60L, "billing.events", 40L)
        : Map.of("cost.alerts", 7L, "scaling.commands", 1L, "cost.metrics.hourly", 30L + repetition, "burnrate.dlq", 0L);
    return new RunResult(app, guarantee, repetition, INPUT, outputs, 300, elapsedMs, elapsedMs + 50,
        elapsedMs * 1_000_000L, 200L << 20, 80L << 20, app == AppKind.BURNRATE ? 5L << 20 : 0, breakdown(app));
  }

  /** Burnrate: three quarters of the samples in the engine, a quarter decoding; the pass-through: all producing. */
  private static CpuBreakdown breakdown(AppKind app) {
    return app == AppKind.BURNRATE
        ? new CpuBreakdown(Map.of(CpuStage.ENGINE, 300L, CpuStage.DECODE, 100L))
        : new CpuBreakdown(Map.of(CpuStage.PRODUCE, 50L));
  }

  private static ThroughputReport report() {
    List<RunResult> runs = new ArrayList<>();
    long[] baselineMs = {100, 125, 200};
    long[] burnrateMs = {400, 250, 500};
    for (int i = 0; i < 3; i++) {
      runs.add(run(AppKind.BASELINE, Guarantee.EXACTLY_ONCE, i + 1, baselineMs[i]));
      runs.add(run(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, i + 1, burnrateMs[i]));
      runs.add(run(AppKind.BASELINE, Guarantee.AT_LEAST_ONCE, i + 1, baselineMs[i] / 2));
      runs.add(run(AppKind.BURNRATE, Guarantee.AT_LEAST_ONCE, i + 1, burnrateMs[i] / 2));
    }
    return new ThroughputReport(conditions(List.of(Guarantee.EXACTLY_ONCE, Guarantee.AT_LEAST_ONCE), 3), runs);
  }

  @Test
  void summariesAreMinMedianMaxOfTheRunsOfOneAppAndGuarantee() {
    Summary burnrate = report().summary(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, RunResult::recordsPerSecond);

    // 1,000 records in 250, 400 and 500 ms
    assertThat(burnrate.min()).isCloseTo(2_000, within(1e-9));
    assertThat(burnrate.median()).isCloseTo(2_500, within(1e-9));
    assertThat(burnrate.max()).isCloseTo(4_000, within(1e-9));
  }

  @Test
  void theRatioIsTakenRepetitionByRepetition() {
    Summary ratio = report().ratio(Guarantee.EXACTLY_ONCE);

    // pairs: 100/400 = 0.25, 125/250 = 0.5, 200/500 = 0.4
    assertThat(ratio.min()).isCloseTo(0.25, within(1e-9));
    assertThat(ratio.median()).isCloseTo(0.4, within(1e-9));
    assertThat(ratio.max()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void thePriceOfExactlyOnceIsTheMedianRecordsPerSecondRelativeToAtLeastOnce() {
    assertThat(report().exactlyOnceRelative(AppKind.BURNRATE)).isCloseTo(0.5, within(1e-9));
    assertThat(new ThroughputReport(conditions(List.of(Guarantee.EXACTLY_ONCE), 1),
        List.of(run(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, 1, 100))).exactlyOnceRelative(AppKind.BURNRATE))
        .isNaN();
  }

  @Test
  void theTextHasTheConditionsEveryMetricPerAppAndGuaranteeTheRatioAndThePrice() {
    String text = report().text();

    assertThat(text).contains("2 cores", "Kafka 4.3.1", "commit.interval.ms 200", "statestore.cache.max.bytes 67108864",
        "guarantee exactly_once_v2 and at_least_once", "10 endpoints", "1,000 records",
        "inference.requests 900", "billing.events 40", "3 alternating repetitions", "3 partitions");
    for (String guarantee : List.of("exactly_once_v2", "at_least_once")) {
      String section = text.substring(text.indexOf("\n" + guarantee + " "));
      for (ThroughputReport.Metric metric : ThroughputReport.METRICS) {
        assertThat(section).contains("pass-through " + metric.label(), "Burnrate " + metric.label());
      }
      assertThat(section).contains("Burnrate / pass-through records/s");
    }
    assertThat(text).containsPattern("Burnrate / pass-through records/s\\s+0\\.25\\s+0\\.40\\s+0\\.50");
    assertThat(text).contains("price of exactly-once", "Burnrate 0.50");
    assertThat(text).contains("pass-through: billing.events 40 inference.replicas 60 inference.requests 900",
        "cost.alerts 7", "cost.metrics.hourly 31..33");
  }

  @Test
  void theJsonHasConditionsSummariesRatiosAndEveryRun() {
    JsonNode json = report().json(new ObjectMapper());

    assertThat(json.path("conditions").path("records_per_topic").path("inference.requests").asLong()).isEqualTo(900);
    assertThat(json.path("conditions").path("input_records").asLong()).isEqualTo(INPUT);
    assertThat(json.path("summary")).hasSize(4);
    JsonNode first = json.path("summary").get(0);
    assertThat(first.path("app").asText()).isEqualTo("baseline");
    assertThat(first.path("guarantee").asText()).isEqualTo("exactly_once_v2");
    assertThat(first.path("records_per_second").path("median").asDouble()).isCloseTo(8_000, within(1e-9));
    assertThat(json.path("burnrate_over_baseline").path("exactly_once_v2").path("median").asDouble())
        .isCloseTo(0.4, within(1e-9));
    assertThat(json.path("exactly_once_over_at_least_once").path("burnrate").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(json.path("runs")).hasSize(12);
    JsonNode run = json.path("runs").get(1);
    assertThat(run.path("app").asText()).isEqualTo("burnrate");
    assertThat(run.path("elapsed_ms").asLong()).isEqualTo(400);
    assertThat(run.path("cpu_micros_per_record").asDouble()).isCloseTo(400, within(1e-9));
    assertThat(run.path("outputs").path("cost.alerts").asLong()).isEqualTo(7);
    assertThat(run.path("state_bytes").asLong()).isEqualTo(5L << 20);
  }

  @Test
  void eachStageGetsItsShareOfTheCpuPerRecord() {
    ThroughputReport report = report();
    // exactly-once Burnrate: 250, 400 and 500 ms of CPU for 1,000 records, the median 400 µs a record
    Summary engine = report.summary(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, r -> r.cpuMicrosPerRecord(CpuStage.ENGINE));
    Summary decode = report.summary(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, r -> r.cpuMicrosPerRecord(CpuStage.DECODE));
    assertThat(engine.median()).isCloseTo(300, within(1e-9));
    assertThat(decode.median()).isCloseTo(100, within(1e-9));

    String text = report.text();
    assertThat(text).contains("where the CPU goes, µs/record");
    for (CpuStage stage : CpuStage.values()) {
      assertThat(text).contains("  " + stage.json() + " ");
    }
    assertThat(text).containsPattern("engine +0\\.00 +300 +75\\.0 %");

    JsonNode json = report.json(new ObjectMapper());
    JsonNode run = json.path("runs").get(1);
    assertThat(run.path("app").asText()).isEqualTo("burnrate");
    assertThat(run.path("cpu_breakdown").path("samples").asLong()).isEqualTo(400);
    assertThat(run.path("cpu_breakdown").path("engine").path("share").asDouble()).isCloseTo(0.75, within(1e-9));
    assertThat(run.path("cpu_breakdown").path("rules").path("samples").asLong()).isZero();
    assertThat(json.path("summary").get(1).path("cpu_micros_per_record_by_stage").path("decode").path("median")
        .asDouble()).isCloseTo(100, within(1e-9));
  }
}
