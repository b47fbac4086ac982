package io.burnrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.TopicNames;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.tail.TailRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** `burnrate tail` as a subscriber of the real topics: decodes what the pipeline's serializers wrote. */
class TailCommandIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  @Test
  void tailPrintsCommittedAlertsForPeopleAndForMachines() throws Exception {
    var registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(LOCAL.registryUrl()));
    var serializer = new AvroWireSerializer<>(registry, CostAlert.class, true);
    String topic = TopicNames.DEFAULTS.alerts();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (String endpoint : new String[] {"spiral", "quiet"}) {
        producer.send(new ProducerRecord<>(topic, endpoint.getBytes(StandardCharsets.UTF_8),
            serializer.serialize(topic, TailRecords.coldStartAlert(endpoint)))).get();
      }
    }

    String lines = tail("alerts", "--from-beginning", "--max", "2", "--color", "never");
    assertThat(lines.lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("FIRING", "COLD_START_FREQUENCY"));

    String json = tail("alerts", "--from-beginning", "--json", "--endpoint", "spiral", "--idle-exit", "3");
    assertThat(json.lines()).singleElement().satisfies(l ->
        assertThat(l).contains("\"alert_id\":\"a-spiral\"", "\"observed\":11.0", "\"status\":\"FIRING\""));
  }

  @Test
  void aTopicThatDoesNotExistIsAClearError() {
    StringWriter err = new StringWriter();
    CommandLine cli = Burnrate.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("tail", "metrics", "-b", LOCAL.bootstrapServers(), "-r", LOCAL.registryUrl(),
        "--set", "burnrate.topic.metrics.hourly=no.such.topic", "--idle-exit", "1");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("topic no.such.topic does not exist");
  }

  private static String tail(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("tail"));
    all.addAll(java.util.List.of(args));
    all.addAll(java.util.List.of("-b", LOCAL.bootstrapServers(), "-r", LOCAL.registryUrl()));
    assertThat(cli.execute(all.toArray(String[]::new))).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }
}
