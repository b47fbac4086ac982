package io.burnrate.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge between the real embedded broker and the real Alertmanager of the Debian package: an
 * alert becomes active with the contract's labels, then resolved; a restarted bridge shows the still
 * active alert to a fresh Alertmanager and never brings the resolved one back.
 */
class AlertmanagerE2EIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  private static final String TOPIC = "e2e.cost.alerts";
  private static final String GROUP = "e2e-alert-forwarder";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path work;

  /** Detected a few minutes ago, as a live pipeline would have. */
  private final Instant detected = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
  private final CostAlert budget = CostAlert.newBuilder(TestAlerts.firing("e2e-budget-1", "e2e-chat"))
      .setDetectedAt(detected).build();
  private final CostAlert budgetResolved = TestAlerts.resolved(budget, Duration.ofMinutes(5));
  private final CostAlert spike = CostAlert.newBuilder(TestAlerts.firing("e2e-spike-1", "e2e-embed"))
      .setRule(io.burnrate.schema.AlertRule.COST_SPIKE).setSeverity(io.burnrate.schema.Severity.CRITICAL)
      .setDetectedAt(detected).build();

  @Test
  void anAlertBecomesActiveThenResolvedAndARestartedBridgeNeverBringsItBack() throws Exception {
    SchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(LOCAL.registryUrl()));
    createTopic();
    try (KafkaProducer<String, byte[]> producer = producer();
        RealAlertmanager alertmanager = RealAlertmanager.start(work.resolve("am-1"))) {
      AvroWireSerializer<CostAlert> alerts = new AvroWireSerializer<>(registry, CostAlert.class, true);
      send(producer, alerts, budget);
      send(producer, alerts, spike);

      try (RunningBridge bridge = new RunningBridge(LOCAL.bootstrapServers(), TOPIC, GROUP, registry, alertmanager.url)) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(alertmanager.alert("e2e-budget-1")).isNotNull());
        JsonNode active = alertmanager.alert("e2e-budget-1");
        assertThat(labels(active)).containsExactlyInAnyOrderEntriesOf(Map.of(
            "alertname", "DAILY_BUDGET_120",
            "endpoint", "e2e-chat",
            "severity", "WARNING",
            "alert_id", "e2e-budget-1",
            "owner", "team-e2e-chat"));
        assertThat(active.path("annotations").path("summary").asText()).isEqualTo(budget.getMessage());
        assertThat(active.path("annotations").path("observed").asText()).isEqualTo("300.00 USD");
        assertThat(active.path("annotations").path("threshold").asText()).isEqualTo("288.00 USD");
        assertThat(active.path("status").path("state").asText()).isEqualTo("active");
        assertThat(Instant.parse(active.path("startsAt").asText())).isEqualTo(detected);
        await().atMost(WAIT).untilAsserted(() -> assertThat(alertmanager.alert("e2e-spike-1")).isNotNull());

        send(producer, alerts, budgetResolved);
        await().atMost(WAIT).untilAsserted(() -> assertThat(alertmanager.alert("e2e-budget-1")).isNull());
        assertThat(alertmanager.alert("e2e-spike-1")).isNotNull();
        await().atMost(WAIT).until(() -> bridge.forwarder.stats().resolved() == 1);
        assertThat(bridge.forwarder.stats()).isEqualTo(new ForwarderStats.Snapshot(2, 1, 0, 0, 0,
            bridge.forwarder.stats().reposts(), 1));
      }
    }

    // A fresh Alertmanager (as after its own restart without storage) and a restarted bridge.
    try (RealAlertmanager alertmanager = RealAlertmanager.start(work.resolve("am-2"));
        RunningBridge bridge = new RunningBridge(LOCAL.bootstrapServers(), TOPIC, GROUP, registry, alertmanager.url)) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(alertmanager.alert("e2e-spike-1")).isNotNull());
      assertThat(labels(alertmanager.alert("e2e-spike-1"))).containsEntry("alertname", "COST_SPIKE")
          .containsEntry("severity", "CRITICAL").containsEntry("endpoint", "e2e-embed");
      await().atMost(WAIT).until(() -> bridge.forwarder.stats().reposts() >= 2);
      assertThat(alertmanager.alerts()).extracting(a -> a.path("labels").path("alert_id").asText())
          .containsExactly("e2e-spike-1");
      // Resumed from the committed offsets: no record forwarded twice.
      assertThat(bridge.forwarder.stats().firing()).isZero();
      assertThat(bridge.forwarder.stats().resolved()).isZero();
    }
  }

  private static Map<String, String> labels(JsonNode alert) {
    return new ObjectMapper().convertValue(alert.path("labels"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
  }

  private static void createTopic() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private static void send(KafkaProducer<String, byte[]> producer, AvroWireSerializer<CostAlert> serializer,
      CostAlert alert) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, alert.getEndpointId(), serializer.serialize(TOPIC, alert))).get();
  }
}
