package io.burnrate.registryfaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.config.TopicNames;
import io.burnrate.app.ContractTopics;
import io.burnrate.local.EmbeddedKafkaExtension;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded registry going away and coming back while Burnrate runs on the real broker: records
 * that need the registry wait for it and are then processed, none is lost or dead-lettered, and a
 * restarted registry serves every schema id as before.
 */
class RegistryOutageIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final String REQUESTS_SUBJECT = TOPICS.requests() + "-value";
  private static final Duration PROCESSED = Duration.ofSeconds(120);

  @BeforeAll
  static void topics() {
    new ContractTopics(KAFKA.admin(), TOPICS).ensure(3);
  }

  @Test
  void requestsWrittenWhileTheRegistryIsDownAreCountedOnceItIsBackAndNoneIsDeadLettered() {
    String endpoint = "outage-llama";
    Instant hour = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
    String bootstrap = KAFKA.bootstrapServers();
    try (RestartableRegistry registry = RestartableRegistry.start(bootstrap);
        InProcessPipeline pipeline = InProcessPipeline.start(bootstrap, registry.url(), "registry-outage-it");
        WireWriter writer = new WireWriter(bootstrap);
        OutputWatcher outputs = new OutputWatcher(bootstrap)) {
      HttpSchemaRegistryClient producerRegistry = client(registry.url());
      int contractId = producerRegistry.register(REQUESTS_SUBJECT, EvolvedSchemas.CONTRACT_REQUEST);
      sendRequests(writer, endpoint, contractId, EvolvedSchemas.CONTRACT_REQUEST, "before-", hour, 10);
      awaitRequests(outputs, endpoint, 10);

      // A producer upgrades just before the outage: the pipeline has never resolved its new schema id.
      int newerId = producerRegistry.register(REQUESTS_SUBJECT, EvolvedSchemas.NEWER_REQUEST);
      registry.stop();
      sendRequests(writer, endpoint, newerId, EvolvedSchemas.NEWER_REQUEST, "during-", hour.plusSeconds(60), 10);
      await("the pipeline meets the outage").atMost(Duration.ofSeconds(60))
          .until(() -> pipeline.count("burnrate.registry.unavailable", "topic", TOPICS.requests()) > 0);
      assertThat(outputs.poll().requests(endpoint)).isEqualTo(10);
      assertThat(pipeline.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
          KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);

      registry.startAgain();
      awaitRequests(outputs, endpoint, 20);
      await("the pipeline running").atMost(Duration.ofSeconds(60))
          .until(() -> pipeline.state() == KafkaStreams.State.RUNNING);
      assertThat(outputs.poll().deadLettersOf(List.of(endpoint))).isEmpty();
      assertThat(outputs.requests(endpoint)).isEqualTo(20);
    }
  }

  @Test
  void aRestartedRegistryServesEverySchemaIdAsBeforeAndTheRunningPipelineGoesOn() {
    String endpoint = "restart-llama";
    Instant hour = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
    String bootstrap = KAFKA.bootstrapServers();
    try (RestartableRegistry registry = RestartableRegistry.start(bootstrap);
        InProcessPipeline pipeline = InProcessPipeline.start(bootstrap, registry.url(), "registry-restart-it");
        WireWriter writer = new WireWriter(bootstrap);
        OutputWatcher outputs = new OutputWatcher(bootstrap)) {
      HttpSchemaRegistryClient producerRegistry = client(registry.url());
      int contractId = producerRegistry.register(REQUESTS_SUBJECT, EvolvedSchemas.CONTRACT_REQUEST);
      producerRegistry.register(TOPICS.replicas() + "-value", EvolvedSchemas.CONTRACT_REPLICA);
      producerRegistry.register(TOPICS.replicas() + "-value", EvolvedSchemas.NEWER_REPLICA);
      producerRegistry.setCompatibility(TOPICS.billing() + "-value", "FULL_TRANSITIVE");
      sendRequests(writer, endpoint, contractId, EvolvedSchemas.CONTRACT_REQUEST, "before-", hour, 5);
      awaitRequests(outputs, endpoint, 5);
      RegistrySnapshot before = RegistrySnapshot.of(registry.url());

      registry.stop();
      registry.startAgain();

      RegistrySnapshot after = RegistrySnapshot.of(registry.url());
      assertThat(after.answers()).isEqualTo(before.answers());
      assertThat(before.ids()).isNotEmpty();
      HttpSchemaRegistryClient coldClient = client(registry.url());
      for (int id : before.ids()) {
        assertThat(coldClient.getById(id)).as("schema id " + id).isEqualTo(before.schema(id));
      }
      assertThat(coldClient.compatibility(TOPICS.billing() + "-value")).contains("FULL_TRANSITIVE");

      // New ids continue after the old ones, and the pipeline resolves one it has never seen.
      Schema unseen = EvolvedSchemas.newerRequestWith("restart_marker");
      int unseenId = producerRegistry.register(REQUESTS_SUBJECT, unseen);
      assertThat(unseenId).isGreaterThan(before.ids().last());
      sendRequests(writer, endpoint, unseenId, unseen, "after-", hour.plusSeconds(60), 5);
      awaitRequests(outputs, endpoint, 10);
      assertThat(pipeline.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(outputs.poll().deadLettersOf(List.of(endpoint))).isEmpty();
    }
  }

  private static HttpSchemaRegistryClient client(String url) {
    return new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(url));
  }

  private static void sendRequests(
      WireWriter writer, String endpoint, int schemaId, Schema schema, String idPrefix, Instant from, int count) {
    for (int i = 0; i < count; i++) {
      GenericRecord request = WireWriter.request(schema, endpoint, endpoint + "-" + idPrefix + i, from.plusSeconds(i), 100.0);
      if (schema.getField("tenant") != null) {
        request.put("tenant", "team-" + i);
      }
      writer.send(TOPICS.requests(), endpoint, schemaId, request);
    }
  }

  private static void awaitRequests(OutputWatcher outputs, String endpoint, long expected) {
    await(expected + " requests of " + endpoint + " counted").atMost(PROCESSED).pollInterval(Duration.ofMillis(200))
        .until(() -> outputs.poll().requests(endpoint) == expected);
  }
}
