package io.burnrate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @Test
  void refusesABusyPortBeforeTouchingTheDataDirectory(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("kafka");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
      EmbeddedKafka broker = new EmbeddedKafka(dataDir, taken.getLocalPort(), Map.of());

      assertThatThrownBy(broker::start)
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use; choose another port or stop the other process");
      assertThat(broker.isRunning()).isFalse();
    }
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void namesTheDataDirectoryItCannotCreate(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path dataDir = file.resolve("kafka");

    assertThatThrownBy(() -> new EmbeddedKafka(dataDir, 0, Map.of()).start())
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageStartingWith("cannot create the Kafka data directory " + dataDir);
  }

  @Test
  void rejectsAPortOutOfRange(@TempDir Path dir) {
    assertThatThrownBy(() -> new EmbeddedKafka(dir, 70_000, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  @Test
  void extraPropertiesWinOverTheDefaults(@TempDir Path dir) {
    EmbeddedKafka broker = new EmbeddedKafka(dir, 0, Map.of("log.retention.hours", "1", "sasl.enabled.mechanisms", "PLAIN"));

    Map<String, String> props = broker.brokerProperties(9092, 9093);

    assertThat(props)
        .containsEntry("log.retention.hours", "1")
        .containsEntry("sasl.enabled.mechanisms", "PLAIN")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("auto.create.topics.enable", "false");
  }

  @Test
  void hasNoAddressBeforeItStarts(@TempDir Path dir) {
    assertThatThrownBy(() -> new EmbeddedKafka(dir).bootstrapServers())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has not been started");
  }
}
