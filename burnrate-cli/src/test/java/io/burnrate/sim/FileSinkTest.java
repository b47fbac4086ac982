package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnrate.config.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesACsvAndAJsonLinesFilePerTopicAndTheGroundTruth(@TempDir Path dir) throws Exception {
    SimulationPlan plan = SimulationPlan.builder().endpoints(6).duration(Duration.ofHours(3)).peakRate(0.5)
        .scenario(Scenario.RUNAWAY_SCALING, 2, SimulationPlan.DEFAULT_START.plusSeconds(1800), Duration.ofHours(1))
        .build();
    Simulator simulator = new Simulator(plan);
    Map<String, Integer> perTopic = new HashMap<>();
    simulator.events().forEachRemaining(e -> perTopic.merge(e.topic(), 1, Integer::sum));

    long written;
    try (FileSink sink = new FileSink(dir, plan.topics())) {
      sink.writeGroundTruth(simulator.groundTruth());
      written = sink.write(simulator.events(), Progress.NONE);
    }

    TopicNames topics = TopicNames.DEFAULTS;
    assertThat(written).isEqualTo(perTopic.values().stream().mapToInt(Integer::intValue).sum());
    for (String topic : List.of(topics.endpointConfig(), topics.requests(), topics.replicas(), topics.billing())) {
      List<String> csv = Files.readAllLines(dir.resolve(topic + ".csv"), StandardCharsets.UTF_8);
      List<String> jsonl = Files.readAllLines(dir.resolve(topic + ".jsonl"), StandardCharsets.UTF_8);
      assertThat(csv).as(topic).hasSize(perTopic.get(topic) + 1);
      assertThat(jsonl).as(topic).hasSize(perTopic.get(topic));
      String[] header = csv.get(0).split(",");
      JsonNode first = JSON.readTree(jsonl.get(0));
      assertThat(first.fieldNames()).toIterable().containsExactly(header);
    }
    assertThat(Files.readAllLines(dir.resolve("billing.events.csv")).get(0))
        .isEqualTo("line_item_id,endpoint_id,usage_start,usage_end,category,instance_type,region,quantity,unit,cost_usd");
    String bill = Files.readAllLines(dir.resolve("billing.events.csv")).get(1);
    assertThat(bill).matches("[0-9a-f-]{36},ep-\\d{5},2026-11-02T0\\d:00:00Z,2026-11-02T0\\d:00:00Z,"
        + "(COMPUTE,.*,instance-hour|COLD_START_TRANSFER,.*,GB),[0-9.]+");
    assertThat(Files.readAllLines(dir.resolve("endpoint.config.csv")).get(1)).startsWith("ep-00000,").endsWith(",{}");

    JsonNode truth = JSON.readTree(dir.resolve(FileSink.GROUND_TRUTH_FILE).toFile());
    assertThat(truth).hasSize(1);
    assertThat(truth.get(0).get("endpoint_id").asText()).isEqualTo("ep-00002");
    assertThat(truth.get(0).get("scenario").asText()).isEqualTo("RUNAWAY_SCALING");
    assertThat(truth.get(0).get("start").asText()).isEqualTo("2026-11-02T00:30:00Z");
    assertThat(truth.get(0).get("end").asText()).isEqualTo("2026-11-02T01:30:00Z");
    assertThat(truth.get(0).get("expected_rules").toString()).isEqualTo("[\"RUNAWAY_SCALING\"]");
  }

  @Test
  void quotesCellsThatNeedIt() {
    assertThat(RecordColumns.csvLine(List.of("a", "b,c", "say \"hi\"", ""))).isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",");
    assertThat(RecordColumns.text(0.0001)).isEqualTo("0.0001");
    assertThat(RecordColumns.text(2.0)).isEqualTo("2");
    assertThat(RecordColumns.text(Map.of("COLD_START_FREQUENCY", 20.0))).isEqualTo("{\"COLD_START_FREQUENCY\":20}");
  }
}
