package io.burnrate.registryfaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnrate.cli.Burnrate;
import io.burnrate.config.TopicNames;
import io.burnrate.app.ContractTopics;
import io.burnrate.local.EmbeddedKafkaExtension;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.RegistryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Producers move on to newer schemas while Burnrate keeps the contract's: it goes on counting their
 * records; the embedded registry refuses an incompatible schema with 409; and a subject holding a
 * schema Burnrate cannot read stops Burnrate at start naming the subject and why.
 */
class SchemaEvolutionIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final String REQUESTS_SUBJECT = TOPICS.requests() + "-value";
  private static final String REPLICAS_SUBJECT = TOPICS.replicas() + "-value";
  private static final List<String> COMPARED =
      List.of("requests", "errors", "p95_latency_ms", "scale_events", "max_replicas", "cold_starts");
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void topics() {
    new ContractTopics(KAFKA.admin(), TOPICS).ensure(3);
  }

  @Test
  void recordsOfNewerProducersAreCountedLikeTheSameTrafficOnTheContractSchema() {
    String onContract = "contract-llama";
    String onNewer = "newer-llama";
    Instant hour = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
    String bootstrap = KAFKA.bootstrapServers();
    try (RestartableRegistry registry = RestartableRegistry.start(bootstrap);
        InProcessPipeline pipeline = InProcessPipeline.start(bootstrap, registry.url(), "schema-evolution-it");
        WireWriter writer = new WireWriter(bootstrap);
        OutputWatcher outputs = new OutputWatcher(bootstrap)) {
      HttpSchemaRegistryClient producers = client(registry.url());
      int contractRequest = producers.register(REQUESTS_SUBJECT, EvolvedSchemas.CONTRACT_REQUEST);
      int newerRequest = producers.register(REQUESTS_SUBJECT, EvolvedSchemas.NEWER_REQUEST);
      int contractReplica = producers.register(REPLICAS_SUBJECT, EvolvedSchemas.CONTRACT_REPLICA);
      int newerReplica = producers.register(REPLICAS_SUBJECT, EvolvedSchemas.NEWER_REPLICA);
      assertThat(newerRequest).isNotEqualTo(contractRequest);
      assertThat(newerReplica).isNotEqualTo(contractReplica);

      writer.send(TOPICS.replicas(), onContract, contractReplica,
          WireWriter.replica(EvolvedSchemas.CONTRACT_REPLICA, onContract, "c-up", hour, "SCALE_UP", 1));
      GenericRecord newerUp = WireWriter.replica(EvolvedSchemas.NEWER_REPLICA, onNewer, "n-up", hour, "SCALE_UP", 1);
      newerUp.put("zone", "us-east-1b");
      writer.send(TOPICS.replicas(), onNewer, newerReplica, newerUp);
      writer.send(TOPICS.replicas(), onNewer, newerReplica,
          WireWriter.replica(EvolvedSchemas.NEWER_REPLICA, onNewer, "n-migrated", hour.plusSeconds(1), "MIGRATED", 1));
      var priority = EvolvedSchemas.NEWER_REQUEST.getField("priority").schema().getTypes().get(1);
      for (int i = 0; i < 20; i++) {
        Instant at = hour.plusSeconds(10 + i * 10L);
        double latency = 100.0 + 10 * i;
        writer.send(TOPICS.requests(), onContract, contractRequest,
            WireWriter.request(EvolvedSchemas.CONTRACT_REQUEST, onContract, "c-" + i, at, latency));
        GenericRecord newer = WireWriter.request(EvolvedSchemas.NEWER_REQUEST, onNewer, "n-" + i, at, latency);
        newer.put("tenant", "team-" + i % 3);
        newer.put("priority", new GenericData.EnumSymbol(priority, i % 2 == 0 ? "CRITICAL_PATH" : "LOW"));
        writer.send(TOPICS.requests(), onNewer, newerRequest, newer);
      }

      await("20 requests and the scale-up of both endpoints counted alike").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> {
            outputs.poll();
            return outputs.requests(onContract) == 20 && ((Number) outputs.metrics(onContract).get("scale_events"))
                .intValue() >= 1 && compared(outputs.metrics(onNewer)).equals(compared(outputs.metrics(onContract)));
          });
      assertThat(compared(outputs.metrics(onNewer))).containsEntry("requests", 20);
      // A replica event type this reader does not know resolves to UNKNOWN, which carries nothing to act
      // on: that one record, and only it, is dead-lettered; the evolved requests are all counted above.
      await("the replica event of a type newer than this reader dead-lettered").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> {
            outputs.poll();
            return !outputs.deadLettersOf(List.of(onContract, onNewer)).isEmpty();
          });
      assertThat(outputs.deadLettersOf(List.of(onContract, onNewer))).singleElement().satisfies(dead -> {
        assertThat(header(dead, "burnrate.reason")).isEqualTo("invalid:type");
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(TOPICS.replicas());
      });
    }
  }

  @Test
  void anIncompatibleInferenceRequestIsRefusedWith409() throws Exception {
    String bootstrap = KAFKA.bootstrapServers();
    try (RestartableRegistry registry = RestartableRegistry.start(bootstrap)) {
      HttpSchemaRegistryClient producers = client(registry.url());
      producers.register(REQUESTS_SUBJECT, EvolvedSchemas.CONTRACT_REQUEST);
      String versionsBefore = get(registry.url() + "/subjects/" + REQUESTS_SUBJECT + "/versions").body();

      HttpResponse<String> refused = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + REQUESTS_SUBJECT + "/versions"))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
              .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                  .put("schema", EvolvedSchemas.LATENCY_AS_TEXT.toString()).toString()))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(refused.statusCode()).isEqualTo(409);
      JsonNode error = JSON.readTree(refused.body());
      assertThat(error.get("error_code").asInt()).isEqualTo(409);
      assertThat(error.get("message").asText())
          .contains("incompatible with an earlier schema for subject \"" + REQUESTS_SUBJECT + "\"")
          .contains("TYPE_MISMATCH: reader type: STRING not compatible with writer type: DOUBLE");
      assertThatThrownBy(() -> producers.register(REQUESTS_SUBJECT, EvolvedSchemas.LATENCY_AS_TEXT))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
      assertThat(get(registry.url() + "/subjects/" + REQUESTS_SUBJECT + "/versions").body()).isEqualTo(versionsBefore);
    }
  }

  @Test
  void burnrateRunRefusesToStartWhenASubjectHoldsASchemaItCannotRead() throws Exception {
    String requestsTopic = "startup-check.requests";
    String subject = requestsTopic + "-value";
    String bootstrap = KAFKA.bootstrapServers();
    try (RestartableRegistry registry = RestartableRegistry.start(bootstrap)) {
      HttpSchemaRegistryClient producers = client(registry.url());
      producers.setCompatibility(subject, "NONE");
      producers.register(subject, EvolvedSchemas.CONTRACT_REQUEST);
      int unreadable = producers.register(subject, EvolvedSchemas.WITHOUT_LATENCY);
      StringWriter err = new StringWriter();
      CommandLine cli = Burnrate.newCommandLine();
      cli.setErr(new PrintWriter(err, true));

      int exit = cli.execute("run", "--registry-url", registry.url(), "--bootstrap-servers", bootstrap,
          "--http-port", "0", "--set", "burnrate.topic.requests=" + requestsTopic,
          "--set", "burnrate.registry.startup.timeout.ms=10000");

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
          .startsWith("error: schema registry at " + registry.url() + ": subject " + subject
              + ": Burnrate cannot read its latest schema (version 2, id " + unreadable + ")")
          .contains("latency_ms"));
    }
  }

  private static Map<String, Object> compared(Map<String, Object> metrics) {
    return COMPARED.stream().filter(metrics::containsKey)
        .collect(Collectors.toMap(key -> key, key -> metrics.get(key) == null ? "null" : metrics.get(key)));
  }

  private static HttpSchemaRegistryClient client(String url) {
    return new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(url));
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record, String key) {
    var header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
