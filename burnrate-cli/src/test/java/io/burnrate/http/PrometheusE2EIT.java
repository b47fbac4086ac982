package io.burnrate.http;

import static io.burnrate.http.Inputs.at;
import static io.burnrate.http.Inputs.bill;
import static io.burnrate.http.Inputs.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.burnrate.config.TopicNames;
import io.burnrate.deploy.Dashboard;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus of the Debian package scrapes a running Burnrate on loopback; its own query API
 * shows the alert counter, the active-alerts gauge and Kafka Streams' metrics, and every metric the
 * Grafana dashboard queries.
 */
class PrometheusE2EIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String ENDPOINT = "prom-e2e-chat";

  @TempDir Path work;

  @Test
  void prometheusScrapesTheAlertCounterAndKafkaStreamsMetrics() throws Exception {
    try (RunningInstance burnrate = new RunningInstance(LOCAL.bootstrapServers(), LOCAL.registryUrl(), "prom-e2e");
        BrokerInputs inputs = new BrokerInputs(LOCAL.bootstrapServers(), LOCAL.registryUrl())) {
      burnrate.start();
      await().atMost(WAIT).until(() -> burnrate.client.get("/health/ready").status() == 200);
      breachTheBudget(inputs);

      try (RealPrometheus prometheus = RealPrometheus.scraping(burnrate.http.advertisedAddress(), work)) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus.query(
            "burnrate_alerts_total{job=\"burnrate\",rule=\"DAILY_BUDGET_120\"}"))
            .singleElement().satisfies(series -> {
              assertThat(series.path("metric").path("severity").asText()).isEqualTo("WARNING");
              assertThat(series.path("metric").path("status").asText()).isEqualTo("FIRING");
              assertThat(value(series)).isEqualTo(1.0);
            }));
        assertThat(prometheus.query("burnrate_alerts_active{rule=\"DAILY_BUDGET_120\"}"))
            .singleElement().satisfies(series -> assertThat(value(series)).isEqualTo(1.0));
        assertThat(prometheus.query("sum(burnrate_records_in_total{topic=\"inference.requests\"})"))
            .singleElement().satisfies(series -> assertThat(value(series)).isEqualTo(6.0));
        assertThat(prometheus.query("burnrate_dead_letters_total{reason=\"decode\"}"))
            .singleElement().satisfies(series -> assertThat(value(series)).isEqualTo(1.0));
        assertThat(prometheus.query("burnrate_commands_total{action=\"SCALE_DOWN\"}"))
            .singleElement().satisfies(series -> assertThat(value(series)).isEqualTo(1.0));
        await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus.query("kafka_stream_thread_process_total"))
            .isNotEmpty()
            .allSatisfy(series -> assertThat(series.path("metric").path("job").asText()).isEqualTo("burnrate"))
            .anySatisfy(series -> assertThat(value(series)).isGreaterThan(0.0)));
        assertThat(prometheus.query("up{job=\"burnrate\"}")).singleElement()
            .satisfies(series -> assertThat(value(series)).isEqualTo(1.0));

        // Every metric the provisioned Grafana dashboard queries is in a live scrape and in Prometheus.
        Set<String> queried = Dashboard.provisioned().promMetricNames();
        assertThat(queried).isNotEmpty();
        assertThat(scrapedNames(burnrate.client.get("/metrics").body())).containsAll(queried);
        assertThat(prometheus.metricNames()).containsAll(queried);
      }
    }
  }

  /** Spend of $300 against a budget of $240, five requests and one record that is no Avro at all. */
  private static void breachTheBudget(BrokerInputs inputs) throws Exception {
    inputs.config(EndpointConfig.newBuilder(Inputs.config(ENDPOINT, 240.0)).setCriticality(Criticality.NON_CRITICAL)
        .build());
    for (int i = 0; i < 5; i++) {
      inputs.request(request(ENDPOINT, at(DAY, "10:05").plusSeconds(i), 200));
    }
    inputs.bill(bill(ENDPOINT, at(DAY, "10:00"), at(DAY, "11:00"), 300.0));
    inputs.flush();
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      raw.send(new ProducerRecord<>(TopicNames.DEFAULTS.requests(), ENDPOINT.getBytes(StandardCharsets.UTF_8),
          "not avro".getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  private static Set<String> scrapedNames(String exposition) {
    Set<String> names = new TreeSet<>();
    exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }

  private static double value(JsonNode series) {
    return Double.parseDouble(series.path("value").get(1).asText());
  }
}
