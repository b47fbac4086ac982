package io.burnrate.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.burnrate.app.BurnrateApp;
import io.burnrate.app.StreamsRunner;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real Alertmanager: replica events drive a runaway-scaling breach through the
 * pipeline on the embedded broker, the bridge forwards `cost.alerts`, and Alertmanager's API shows
 * the alert active; the recovery resolves it there.
 */
class PipelineToAlertmanagerE2EIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;

  @TempDir Path work;

  @Test
  void aBreachDrivenThroughThePipelineBecomesActiveInAlertmanagerAndItsRecoveryResolvesIt() throws Exception {
    SchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(LOCAL.registryUrl()));
    BurnrateConfig config = BurnrateConfig.of(Map.of(
        "bootstrap.servers", LOCAL.bootstrapServers(),
        BurnrateConfig.REGISTRY_URL, LOCAL.registryUrl(),
        "application.id", "e2e-pipeline-alertmanager",
        "state.dir", work.resolve("state").toString()));
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
    try (StreamsRunner runner = new StreamsRunner(app.topology(), app.streamsProperties(), Duration.ofSeconds(30),
            s -> { });
        RealAlertmanager alertmanager = RealAlertmanager.start(work.resolve("am"));
        KafkaProducer<String, byte[]> producer = producer()) {
      runner.start();
      await().atMost(WAIT).until(() -> runner.streams().state() == KafkaStreams.State.RUNNING);
      send(producer, registry, TOPICS.endpointConfig(), config("e2e-gpu"));
      // Five replicas against an expected maximum of four: RUNAWAY_SCALING, CRITICAL.
      for (int i = 1; i <= 5; i++) {
        send(producer, registry, TOPICS.replicas(), replica("e2e-gpu", t.plusSeconds(i), "r" + i,
            ReplicaEventType.SCALE_UP, i));
      }

      try (RunningBridge bridge = new RunningBridge(LOCAL.bootstrapServers(), TOPICS.alerts(), "e2e-pipeline-bridge", registry, alertmanager.url)) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(active(alertmanager)).isNotNull());
        JsonNode alert = active(alertmanager);
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("RUNAWAY_SCALING");
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(alert.path("labels").path("owner").asText()).isEqualTo("team-e2e-gpu");
        assertThat(alert.path("status").path("state").asText()).isEqualTo("active");
        String alertId = alert.path("labels").path("alert_id").asText();

        // The recovery: back to three replicas, 10 % under the maximum, for the 15-minute clear time.
        send(producer, registry, TOPICS.replicas(), replica("e2e-gpu", t.plusSeconds(60), "r5",
            ReplicaEventType.SCALE_DOWN, 4));
        send(producer, registry, TOPICS.replicas(), replica("e2e-gpu", t.plusSeconds(61), "r4",
            ReplicaEventType.SCALE_DOWN, 3));
        send(producer, registry, TOPICS.replicas(), replica("e2e-gpu", t.plusSeconds(61 + 15 * 60), "r3",
            ReplicaEventType.SCALE_DOWN, 2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(alertmanager.alert(alertId)).isNull());
        await().atMost(WAIT).until(() -> bridge.forwarder.stats().resolved() == 1);
      }
    }
  }

  private static JsonNode active(RealAlertmanager alertmanager) {
    for (JsonNode alert : alertmanager.alerts()) {
      if ("e2e-gpu".equals(alert.path("labels").path("endpoint").asText())) {
        return alert;
      }
    }
    return null;
  }

  private static EndpointConfig config(String endpoint) {
    return EndpointConfig.newBuilder().setEndpointId(endpoint).setOwner("team-" + endpoint)
        .setCriticality(Criticality.NON_CRITICAL).setDailyBudgetUsd(10_000.0).setHourlyPriceUsd(1.0)
        .setMinReplicas(1).setMaxReplicas(10).setExpectedMaxReplicas(4).setInstanceType("nvidia-l4")
        .setRegion("us-east-1").setModelSizeGb(null).setFallbackEndpointId(null).setTimezone("UTC")
        .setAllowEmergencyShutdown(false).setThresholds(Map.of()).build();
  }

  private static ReplicaEvent replica(String endpoint, Instant at, String replicaId, ReplicaEventType type,
      int after) {
    return ReplicaEvent.newBuilder().setEventId(endpoint + "-" + replicaId + "-" + type).setEndpointId(endpoint)
        .setTimestamp(at).setReplicaId(replicaId).setType(type).setColdStart(false).setReplicasAfter(after)
        .setInstanceType("nvidia-l4").setRegion("us-east-1").setModelSizeGb(null).setStartupMs(null).build();
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void send(KafkaProducer<String, byte[]> producer, SchemaRegistryClient registry, String topic,
      SpecificRecord value) throws Exception {
    AvroWireSerializer serializer = new AvroWireSerializer<>(registry, (Class) value.getClass(), true);
    String key = value instanceof EndpointConfig c ? c.getEndpointId() : ((ReplicaEvent) value).getEndpointId();
    producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, value))).get();
  }
}
