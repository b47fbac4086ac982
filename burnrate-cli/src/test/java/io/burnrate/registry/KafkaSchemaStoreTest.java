package io.burnrate.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the Kafka store does when there is no Kafka: fail start-up in time, and say where it looked. */
class KafkaSchemaStoreTest {

  @Test
  void startFailsWithinTheTimeoutNamingTheBootstrapAddressWhenKafkaIsUnreachable() throws IOException {
    String nobodyListens = "127.0.0.1:" + freePort();
    KafkaSchemaStore store = new KafkaSchemaStore(nobodyListens, "_schemas", Duration.ofSeconds(2));
    EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(store, "127.0.0.1", 0);
    long started = System.nanoTime();

    assertThatThrownBy(registry::start)
        .isInstanceOf(SchemaStoreException.class)
        .hasMessageContaining(nobodyListens)
        .hasMessageContaining("_schemas")
        .hasMessageContaining("did not answer within 2 s");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThatThrownBy(registry::url).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesMissingSettingsWithAHint() {
    assertThatThrownBy(() -> new KafkaSchemaStore(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("127.0.0.1:9092");
    assertThatThrownBy(() -> new KafkaSchemaStore("127.0.0.1:9092", "_schemas", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
