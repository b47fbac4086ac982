package io.burnrate.registry;

import static io.burnrate.registry.RegistryTestClient.json;
import static io.burnrate.registry.RegistryTestClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.TopicNames;
import io.burnrate.local.EmbeddedKafka;
import io.burnrate.registry.RegistryTestClient.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a real broker: its topic, and what survives restarts of registry and broker. */
class KafkaSchemaStoreIT {

  private static final String SCHEMAS = TopicNames.DEFAULTS.schemas();
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"io.burnrate.test\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
  private static final String V2 =
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"io.burnrate.test\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
          + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
  private static final String OTHER =
      "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"io.burnrate.test\","
          + "\"fields\":[{\"name\":\"value\",\"type\":\"double\"}]}";
  private static final String LATER =
      "{\"type\":\"record\",\"name\":\"Later\",\"namespace\":\"io.burnrate.test\","
          + "\"fields\":[{\"name\":\"at\",\"type\":\"long\"}]}";

  @TempDir Path dataDir;

  @Test
  void idsSurviveARestartOfTheRegistryAndOfTheBroker() throws Exception {
    Path kafkaDir = dataDir.resolve("kafka");
    EmbeddedKafka kafka = new EmbeddedKafka(kafkaDir, 0, Map.of()).start();
    try {
      try (EmbeddedSchemaRegistry registry = startRegistry(kafka)) {
        RegistryTestClient client = new RegistryTestClient(registry.url());
        assertThat(client.register("a-value", V1).id()).isEqualTo(1);
        assertThat(client.register("a-value", V2).id()).isEqualTo(2);
        assertThat(client.register("b-value", OTHER).id()).isEqualTo(3);
        assertThat(client.register("c-value", V1).id()).isEqualTo(1);
        Reply level = client.put("/config/b-value", "{\"compatibility\": \"FULL_TRANSITIVE\"}");
        assertThat(level.status()).isEqualTo(200);
        assertThat(client.delete("/subjects/c-value").json()).isEqualTo(json("[1]"));
      }
      assertTopicIsCompactedWithOnePartition(kafka.bootstrapServers());

      try (EmbeddedSchemaRegistry registry = startRegistry(kafka)) {
        assertStateOfFirstLife(new RegistryTestClient(registry.url()));
      }

      kafka.close();
      kafka = new EmbeddedKafka(kafkaDir, 0, Map.of()).start();

      try (EmbeddedSchemaRegistry registry = startRegistry(kafka)) {
        RegistryTestClient client = new RegistryTestClient(registry.url());
        assertStateOfFirstLife(client);
        assertThat(client.register("d-value", LATER).id()).isEqualTo(4);
        assertThat(client.register("c-value", V1).id()).isEqualTo(1);
        assertThat(client.get("/subjects/c-value/versions").json()).isEqualTo(json("[2]"));
      }
    } finally {
      kafka.close();
    }
  }

  @Test
  void aRunningRegistryRidesOutABrokerRestart() throws Exception {
    EmbeddedKafka kafka = new EmbeddedKafka(dataDir.resolve("kafka"), 0, Map.of()).start();
    KafkaSchemaStore store =
        new KafkaSchemaStore(kafka.bootstrapServers(), SCHEMAS, Duration.ofSeconds(5));
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(store, "127.0.0.1", 0).start()) {
      RegistryTestClient client = new RegistryTestClient(registry.url());
      assertThat(client.register("a-value", V1).id()).isEqualTo(1);

      kafka.close();
      Reply whileDown = client.register("b-value", OTHER);
      assertThat(whileDown.status()).isEqualTo(500);
      assertThat(whileDown.errorCode()).isEqualTo(50001);
      assertThat(whileDown.message()).contains(SCHEMAS).contains(kafka.bootstrapServers());
      assertThat(client.get("/subjects").json()).isEqualTo(json("[\"a-value\"]"));

      kafka.start();
      assertThat(client.register("b-value", OTHER).id()).isEqualTo(2);
    } finally {
      kafka.close();
    }
    kafka.start();
    try (EmbeddedSchemaRegistry registry = startRegistry(kafka)) {
      RegistryTestClient client = new RegistryTestClient(registry.url());
      assertThat(client.get("/schemas/ids/2").json().path("schema").asText())
          .isEqualTo(new Schema.Parser().parse(OTHER).toString());
      assertThat(client.get("/subjects").json()).isEqualTo(json("[\"a-value\", \"b-value\"]"));
    } finally {
      kafka.close();
    }
  }

  private static EmbeddedSchemaRegistry startRegistry(EmbeddedKafka kafka) {
    return new EmbeddedSchemaRegistry(kafka.bootstrapServers(), "127.0.0.1", 0).start();
  }

  private static void assertStateOfFirstLife(RegistryTestClient client) {
    String v1 = new Schema.Parser().parse(V1).toString();
    String v2 = new Schema.Parser().parse(V2).toString();
    String other = new Schema.Parser().parse(OTHER).toString();
    assertThat(client.get("/schemas/ids/1").json().path("schema").asText()).isEqualTo(v1);
    assertThat(client.get("/schemas/ids/2").json().path("schema").asText()).isEqualTo(v2);
    assertThat(client.get("/schemas/ids/3").json().path("schema").asText()).isEqualTo(other);
    assertThat(client.post("/subjects/a-value", schemaBody(V2)).json().path("version").asInt()).isEqualTo(2);
    assertThat(client.register("a-value", V2).id()).isEqualTo(2);
    assertThat(client.get("/subjects").json()).isEqualTo(json("[\"a-value\", \"b-value\"]"));
    assertThat(client.get("/subjects?deleted=true").json())
        .isEqualTo(json("[\"a-value\", \"b-value\", \"c-value\"]"));
    assertThat(client.get("/config/b-value").json())
        .isEqualTo(json("{\"compatibilityLevel\": \"FULL_TRANSITIVE\"}"));
  }

  private static void assertTopicIsCompactedWithOnePartition(String bootstrapServers) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicDescription topic =
          admin.describeTopics(List.of(SCHEMAS)).topicNameValues().get(SCHEMAS).get(30, TimeUnit.SECONDS);
      assertThat(topic.partitions()).hasSize(1);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, SCHEMAS);
      Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
  }
}
