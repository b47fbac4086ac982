package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

  record HourlyMetrics(
      int schemaVersion, Instant timestamp, String endpointId, double spendUsd, Double costPerRequestUsd,
      Double utilization, long requests, double p95LatencyMs) {}

  private final JsonSerde<HourlyMetrics> serde = new JsonSerde<>(HourlyMetrics.class);

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void writesCompactSnakeCaseJsonWithNullsAndEpochMillis() {
    HourlyMetrics metrics =
        new HourlyMetrics(1, Instant.ofEpochMilli(1_740_823_200_000L), "llama-eu", 12.5, null, 0.75, 40, 812.0);

    assertThat(text(serde.serializer().serialize("cost.metrics.hourly", metrics)))
        .isEqualTo("{\"schema_version\":1,\"timestamp\":1740823200000,\"endpoint_id\":\"llama-eu\",\"spend_usd\":12.5,"
            + "\"cost_per_request_usd\":null,\"utilization\":0.75,\"requests\":40,\"p95_latency_ms\":812.0}");
  }

  @Test
  void nanAndInfinityAreWrittenAsNull() {
    HourlyMetrics metrics =
        new HourlyMetrics(1, Instant.EPOCH, "e", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, Double.NaN);

    String json = text(serde.serializer().serialize("cost.metrics.hourly", metrics));

    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(json).contains("\"spend_usd\":null", "\"cost_per_request_usd\":null", "\"utilization\":null", "\"p95_latency_ms\":null");
  }

  @Test
  void mapsAreWrittenWithTheirKeysAndNonFiniteValuesAsNull() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("endpoint_id", "e");
    value.put("error_rate", Double.NaN);
    value.put("utilization", Float.POSITIVE_INFINITY);
    value.put("owner", null);
    JsonSerde<Map<String, Object>> maps = JsonSerde.forMaps();

    byte[] bytes = maps.serializer().serialize("t", value);

    assertThat(text(bytes)).isEqualTo("{\"endpoint_id\":\"e\",\"error_rate\":null,\"utilization\":null,\"owner\":null}");
    Map<String, Object> read = maps.deserializer().deserialize("t", bytes);
    assertThat(read).containsEntry("endpoint_id", "e").containsEntry("error_rate", null).hasSize(4);
  }

  @Test
  void readsWhatItWritesAndIgnoresNewerFields() {
    HourlyMetrics metrics = new HourlyMetrics(1, Instant.ofEpochMilli(3_600_000), "e", 1.25, 0.01, null, 125, 90.5);
    String json = text(serde.serializer().serialize("t", metrics));
    String newer = json.substring(0, json.length() - 1) + ",\"gpu_hours\":3.5}";

    assertThat(serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(metrics);
    assertThat(serde.deserializer().deserialize("t", newer.getBytes(StandardCharsets.UTF_8))).isEqualTo(metrics);
  }

  @Test
  void nullIsNullBothWays() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void badJsonNamesTheTopic() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("cost.metrics.hourly", "{\"schema_version\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cost.metrics.hourly: not a JSON HourlyMetrics value: ");
  }
}
