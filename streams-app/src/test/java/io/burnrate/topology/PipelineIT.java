package io.burnrate.topology;

import static io.burnrate.topology.Records.at;
import static io.burnrate.topology.Records.config;
import static io.burnrate.topology.Records.replica;
import static io.burnrate.topology.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.app.BurnrateApp;
import io.burnrate.app.StreamsRunner;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole pipeline on the real embedded broker and registry, with exactly-once. */
class PipelineIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  @Test
  void aDeathSpiralIsAlertedAndCommandedWhilePoisonGoesToTheDeadLetterTopic() throws Exception {
    SchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(LOCAL.registryUrl()));
    Path stateDir = Files.createTempDirectory("burnrate-it");
    BurnrateConfig config = BurnrateConfig.of(Map.of(
        "bootstrap.servers", LOCAL.bootstrapServers(),
        BurnrateConfig.REGISTRY_URL, LOCAL.registryUrl(),
        "application.id", "pipeline-it",
        "state.dir", stateDir.toString(),
        BurnrateConfig.REPLAY_LAG, "0"));
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());
    Properties props = app.streamsProperties();
    try (StreamsRunner runner = new StreamsRunner(app.topology(), props, Duration.ofSeconds(30), s -> { })) {
      runner.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> runner.streams().state() == KafkaStreams.State.RUNNING);

      Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
        send(producer, registry, "endpoint.config", "spiral", config("spiral").build());
        send(producer, registry, "endpoint.config", "healthy", config("healthy").build());
        producer.send(new ProducerRecord<>("inference.requests", key("spiral"),
            "garbage".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 11; i++) {
          Instant up = base.plusSeconds(i * 120L);
          send(producer, registry, "inference.replicas", "spiral",
              replica("spiral", up, "r" + i, ReplicaEventType.SCALE_UP, 1).setColdStart(true).build());
          send(producer, registry, "inference.replicas", "spiral",
              replica("spiral", up.plusSeconds(60), "r" + i, ReplicaEventType.SCALE_DOWN, 0).build());
          send(producer, registry, "inference.requests", "healthy", request("healthy", up).build());
        }
        producer.flush();
      }

      List<CostAlert> alerts = new ArrayList<>();
      List<ScalingCommand> commands = new ArrayList<>();
      List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.subscribe(List.of("cost.alerts", "scaling.commands", "burnrate.dlq"));
        AvroWireDeserializer<CostAlert> alertReader = new AvroWireDeserializer<>(registry, CostAlert.class);
        AvroWireDeserializer<ScalingCommand> commandReader = new AvroWireDeserializer<>(registry, ScalingCommand.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            switch (r.topic()) {
              case "cost.alerts" -> alerts.add(alertReader.deserialize(r.topic(), r.value()));
              case "scaling.commands" -> commands.add(commandReader.deserialize(r.topic(), r.value()));
              default -> letters.add(r);
            }
          }
          return !commands.isEmpty() && !letters.isEmpty()
              && alerts.stream().anyMatch(a -> a.getRule() == AlertRule.COLD_START_FREQUENCY);
        });
      }
      assertThat(alerts).filteredOn(a -> a.getRule() == AlertRule.COLD_START_FREQUENCY)
          .singleElement().satisfies(a -> assertThat(a.getEndpointId()).isEqualTo("spiral"));
      assertThat(alerts).noneMatch(a -> a.getEndpointId().equals("healthy"));
      assertThat(commands).singleElement().satisfies(c -> {
        assertThat(c.getAction()).isEqualTo(ScalingAction.SET_MIN_REPLICAS);
        assertThat(c.getEndpointId()).isEqualTo("spiral");
      });
      assertThat(letters).singleElement().satisfies(r -> {
        assertThat(r.value()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(PipelineDriver.header(r.headers(), DeadLetters.REASON)).isEqualTo(DeadLetters.DECODE);
        assertThat(PipelineDriver.header(r.headers(), DeadLetters.TOPIC)).isEqualTo("inference.requests");
      });
    }
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it-reader",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
  }

  private static byte[] key(String endpoint) {
    return endpoint.getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void send(KafkaProducer<byte[], byte[]> producer, SchemaRegistryClient registry, String topic,
      String endpoint, SpecificRecord value) {
    AvroWireSerializer serializer = new AvroWireSerializer(registry, value.getClass(), true);
    producer.send(new ProducerRecord<>(topic, key(endpoint), serializer.serialize(topic, value)));
  }
}
