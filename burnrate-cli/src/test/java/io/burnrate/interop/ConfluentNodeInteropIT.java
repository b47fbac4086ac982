package io.burnrate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.config.TopicNames;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.Severity;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the wire contract with Confluent's official JavaScript schema registry client
 * ({@code @confluentinc/schemaregistry}) and kafkajs: a Node producer's InferenceRequest is read
 * by Burnrate's deserializer, and Burnrate's CostAlert is decoded by the Node deserializer.
 */
class ConfluentNodeInteropIT {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static NodeInterop node;

  @BeforeAll
  static void installNodePackages() {
    node = NodeInterop.installed();
  }

  @Test
  void javaReadsAnInferenceRequestProducedByTheConfluentNodeSerializer() throws Exception {
    InferenceRequest sent = InferenceRequest.newBuilder()
        .setRequestId("req-node-0001")
        .setEndpointId("ep-node-producer")
        .setTimestamp(Instant.ofEpochMilli(1_767_225_600_123L))
        .setRegion("eu-west-1")
        .setInstanceType("nvidia-l4")
        .setReplicaId("replica-7")
        .setLatencyMs(842.25)
        .setStatusCode(429)
        .setColdStart(true)
        .setInputTokens(1_536)
        .setOutputTokens(2_048)
        .setQueueDepth(17)
        .build();

    ExternalProcess.Result produced = node.runScript("produce-request.mjs",
        Map.of("BOOTSTRAP_SERVERS", STACK.bootstrapServers(),
            "SCHEMA_REGISTRY_URL", STACK.registryUrl(),
            "INFERENCE_REQUEST_JSON", asJson(sent)));
    assertThat(produced.succeeded()).as(produced.describe()).isTrue();

    ConsumerRecord<String, InferenceRequest> record = readFirst(TOPICS.requests(), sent.getEndpointId())
        .orElseThrow(() -> new AssertionError("no record keyed " + sent.getEndpointId() + " on "
            + TOPICS.requests() + " within " + READ_TIMEOUT + "\n" + produced.describe()));

    InferenceRequest read = record.value();
    assertThat(record.key()).isEqualTo("ep-node-producer");
    assertThat(read.getRequestId()).isEqualTo("req-node-0001");
    assertThat(read.getEndpointId()).isEqualTo("ep-node-producer");
    assertThat(read.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_123L));
    assertThat(read.getRegion()).isEqualTo("eu-west-1");
    assertThat(read.getInstanceType()).isEqualTo("nvidia-l4");
    assertThat(read.getReplicaId()).isEqualTo("replica-7");
    assertThat(read.getLatencyMs()).isEqualTo(842.25);
    assertThat(read.getStatusCode()).isEqualTo(429);
    assertThat(read.getColdStart()).isTrue();
    assertThat(read.getInputTokens()).isEqualTo(1_536);
    assertThat(read.getOutputTokens()).isEqualTo(2_048);
    assertThat(read.getQueueDepth()).isEqualTo(17);
    assertThat(read).isEqualTo(sent);
  }

  @Test
  void theConfluentNodeDeserializerReadsACostAlertProducedByJava() throws Exception {
    CostAlert alert = CostAlert.newBuilder()
        .setAlertId("alert-java-0001")
        .setEndpointId("ep-node-consumer")
        .setRule(AlertRule.COLD_START_FREQUENCY)
        .setSeverity(Severity.CRITICAL)
        .setStatus(AlertStatus.RESOLVED)
        .setWindowStart(Instant.ofEpochMilli(1_767_225_600_000L))
        .setWindowEnd(Instant.ofEpochMilli(1_767_229_200_000L))
        .setObserved(23.5)
        .setThreshold(10.0)
        .setBaseline(4.25)
        .setUnit("cold starts/hour")
        .setMessage("ep-node-consumer had 23.5 cold starts in the hour (limit 10)")
        .setDetectedAt(Instant.ofEpochMilli(1_767_228_000_456L))
        .setOwner("team-inference")
        .setRegion("us-east-1")
        .setInstanceType("nvidia-a10g")
        .build();
    produce(alert);

    ExternalProcess.Result consumed = node.runScript("consume-alert.mjs",
        Map.of("BOOTSTRAP_SERVERS", STACK.bootstrapServers(),
            "SCHEMA_REGISTRY_URL", STACK.registryUrl(),
            "ALERT_ENDPOINT_ID", alert.getEndpointId()));
    assertThat(consumed.succeeded()).as(consumed.describe()).isTrue();

    JsonNode decoded = JSON.readTree(lastLine(consumed.stdout()));
    String context = consumed.describe();
    assertThat(decoded.size()).as(context).isEqualTo(CostAlert.getClassSchema().getFields().size());
    assertThat(decoded.get("alert_id").asText()).as(context).isEqualTo("alert-java-0001");
    assertThat(decoded.get("endpoint_id").asText()).as(context).isEqualTo("ep-node-consumer");
    assertThat(decoded.get("rule").asText()).as(context).isEqualTo("COLD_START_FREQUENCY");
    assertThat(decoded.get("severity").asText()).as(context).isEqualTo("CRITICAL");
    assertThat(decoded.get("status").asText()).as(context).isEqualTo("RESOLVED");
    assertThat(decoded.get("window_start").asLong()).as(context).isEqualTo(1_767_225_600_000L);
    assertThat(decoded.get("window_end").asLong()).as(context).isEqualTo(1_767_229_200_000L);
    assertThat(decoded.get("observed").asDouble()).as(context).isEqualTo(23.5);
    assertThat(decoded.get("threshold").asDouble()).as(context).isEqualTo(10.0);
    assertThat(decoded.get("baseline").asDouble()).as(context).isEqualTo(4.25);
    assertThat(decoded.get("unit").asText()).as(context).isEqualTo("cold starts/hour");
    assertThat(decoded.get("message").asText()).as(context)
        .isEqualTo("ep-node-consumer had 23.5 cold starts in the hour (limit 10)");
    assertThat(decoded.get("detected_at").asLong()).as(context).isEqualTo(1_767_228_000_456L);
    assertThat(decoded.get("owner").asText()).as(context).isEqualTo("team-inference");
    assertThat(decoded.get("region").asText()).as(context).isEqualTo("us-east-1");
    assertThat(decoded.get("instance_type").asText()).as(context).isEqualTo("nvidia-a10g");
  }

  private static SchemaRegistryClient registry() {
    return new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(STACK.registryUrl()));
  }

  /** The request in the shape the Node script hands to the Avro serializer: plain JSON values. */
  private static String asJson(InferenceRequest request) throws Exception {
    ObjectNode json = JSON.createObjectNode()
        .put("request_id", request.getRequestId())
        .put("endpoint_id", request.getEndpointId())
        .put("timestamp", request.getTimestamp().toEpochMilli())
        .put("region", request.getRegion())
        .put("instance_type", request.getInstanceType())
        .put("replica_id", request.getReplicaId())
        .put("latency_ms", request.getLatencyMs())
        .put("status_code", request.getStatusCode())
        .put("cold_start", request.getColdStart())
        .put("input_tokens", request.getInputTokens())
        .put("output_tokens", request.getOutputTokens())
        .put("queue_depth", request.getQueueDepth());
    return JSON.writeValueAsString(json);
  }

  private static void produce(CostAlert alert) throws Exception {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, CostAlert> producer = new KafkaProducer<>(config,
        new StringSerializer(), new AvroWireSerializer<>(registry(), CostAlert.class, true))) {
      producer.send(new ProducerRecord<>(TOPICS.alerts(), alert.getEndpointId(), alert)).get(30, TimeUnit.SECONDS);
    }
  }

  private static Optional<ConsumerRecord<String, InferenceRequest>> readFirst(String topic, String key) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, InferenceRequest> consumer = new KafkaConsumer<>(config,
        new StringDeserializer(), new AvroWireDeserializer<>(registry(), InferenceRequest.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, InferenceRequest> record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            return Optional.of(record);
          }
        }
      }
      return Optional.empty();
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines[lines.length - 1];
  }
}
