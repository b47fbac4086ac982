package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnrate.cli.Burnrate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `burnrate bench` end to end on the embedded broker with tiny counts: the report carries every field,
 * the pass-through copied every input record and Burnrate produced its alerts without dead letters.
 * Timings are reported by the bench, never asserted here.
 */
class BenchCommandIT {
  private static final List<String> RUN_FIELDS = List.of("app", "guarantee", "repetition", "input_records",
      "output_records", "outputs", "startup_ms", "elapsed_ms", "settled_ms", "records_per_second", "cpu_nanos",
      "cpu_micros_per_record", "peak_heap_bytes", "live_heap_bytes", "state_bytes", "cpu_breakdown");
  private static final List<String> CONDITION_FIELDS = List.of("cores", "kafka_version", "java_version",
      "max_heap_bytes", "broker_embedded", "guarantees", "commit_interval_ms", "statestore_cache_max_bytes",
      "max_task_idle_ms", "stream_threads", "partitions", "endpoints", "input_records", "records_per_topic",
      "config_records", "simulated", "repetitions");

  @Test
  void aTinyBenchReportsEveryFieldAndTheRightOutputCounts() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("bench", "--endpoints", "5", "--records", "300", "--span", "2h", "--repetitions", "1",
        "--guarantee", "exactly-once", "--partitions", "2", "--set", "burnrate.metrics.interval.ms=500", "--json");

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    assertThat(err.toString()).contains("bench: input ready: 300 event records");
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.path("mode").asText()).isEqualTo("throughput");

    JsonNode conditions = report.path("conditions");
    assertThat(fieldNames(conditions)).containsAll(CONDITION_FIELDS);
    assertThat(conditions.path("cores").asInt()).isPositive();
    assertThat(conditions.path("kafka_version").asText()).isEqualTo("4.3.1");
    assertThat(conditions.path("guarantees").toString()).isEqualTo("[\"exactly_once_v2\"]");
    assertThat(conditions.path("commit_interval_ms").asLong()).isEqualTo(200);
    assertThat(conditions.path("partitions").asInt()).isEqualTo(2);
    assertThat(conditions.path("endpoints").asInt()).isEqualTo(5);
    assertThat(conditions.path("config_records").asLong()).isEqualTo(5);
    assertThat(conditions.path("input_records").asLong()).isEqualTo(300);
    long perTopic = 0;
    for (JsonNode count : conditions.path("records_per_topic")) {
      perTopic += count.asLong();
    }
    assertThat(perTopic).isEqualTo(300);
    assertThat(fieldNames(conditions.path("records_per_topic")))
        .containsExactly("inference.requests", "inference.replicas", "billing.events");

    JsonNode runs = report.path("runs");
    assertThat(runs).hasSize(2);
    JsonNode baseline = runs.get(0);
    JsonNode burnrate = runs.get(1);
    for (JsonNode run : runs) {
      assertThat(fieldNames(run)).containsAll(RUN_FIELDS);
      assertThat(run.path("input_records").asLong()).isEqualTo(300);
      assertThat(run.path("elapsed_ms").asLong()).isPositive();
      assertThat(run.path("settled_ms").asLong()).isGreaterThanOrEqualTo(run.path("elapsed_ms").asLong());
      assertThat(run.path("cpu_nanos").asLong()).isPositive();
      assertThat(run.path("peak_heap_bytes").asLong()).isPositive();
      assertThat(run.path("live_heap_bytes").asLong()).isPositive();
      assertBreakdown(run);
    }
    assertThat(baseline.path("app").asText()).isEqualTo("baseline");
    assertThat(baseline.path("outputs")).isEqualTo(conditions.path("records_per_topic"));
    assertThat(burnrate.path("app").asText()).isEqualTo("burnrate");
    JsonNode outputs = burnrate.path("outputs");
    assertThat(fieldNames(outputs))
        .containsExactlyInAnyOrder("cost.alerts", "scaling.commands", "cost.metrics.hourly", "burnrate.dlq");
    assertThat(outputs.path("burnrate.dlq").asLong()).as("dead letters").isZero();
    assertThat(outputs.path("cost.alerts").asLong()).as("alerts of the simulator's scenarios").isPositive();
    assertThat(outputs.path("cost.metrics.hourly").asLong()).isPositive();
    assertThat(burnrate.path("state_bytes").asLong()).as("RocksDB state on disk").isPositive();

    JsonNode summary = report.path("summary");
    assertThat(summary).hasSize(2);
    for (JsonNode app : summary) {
      for (ThroughputReport.Metric metric : ThroughputReport.METRICS) {
        JsonNode values = app.path(metric.json());
        assertThat(fieldNames(values)).as(metric.json()).contains("min", "median", "max", "count");
        assertThat(values.path("min").asDouble()).isLessThanOrEqualTo(values.path("max").asDouble());
      }
    }
    assertThat(fieldNames(report.path("burnrate_over_baseline").path("exactly_once_v2")))
        .contains("min", "median", "max");
    assertThat(summary.get(1).path("cpu_micros_per_record_by_stage").path("engine").path("median").isNumber()).isTrue();
  }

  /** Every stage is there; the shares add up to the whole and the stages' CPU to the run's. */
  private static void assertBreakdown(JsonNode run) {
    JsonNode breakdown = run.path("cpu_breakdown");
    assertThat(breakdown.path("samples").asLong()).as("JFR stack samples").isPositive();
    double shares = 0;
    double micros = 0;
    long samples = 0;
    for (CpuStage stage : CpuStage.values()) {
      JsonNode part = breakdown.path(stage.json());
      assertThat(fieldNames(part)).as(stage.json()).containsExactly("samples", "share", "micros_per_record");
      shares += part.path("share").asDouble();
      micros += part.path("micros_per_record").asDouble();
      samples += part.path("samples").asLong();
    }
    assertThat(samples).isEqualTo(breakdown.path("samples").asLong());
    assertThat(shares).isCloseTo(1.0, within(1e-9));
    assertThat(micros).isCloseTo(run.path("cpu_micros_per_record").asDouble(), within(1e-6));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
