package io.burnrate.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The bridge as {@code burnrate forward-alerts} runs it, on its own thread, stopped as SIGTERM stops it. */
final class RunningBridge implements AutoCloseable {
  final AlertForwarder forwarder;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  RunningBridge(String bootstrapServers, String topic, String groupId, SchemaRegistryClient registry,
      String alertmanagerUrl) {
    ForwarderSettings settings = ForwarderSettings.defaults(alertmanagerUrl)
        .withGroupId(groupId)
        .withRepostInterval(Duration.ofSeconds(1))
        .withBackoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 5));
    forwarder = AlertForwarder.create(Map.of("bootstrap.servers", bootstrapServers), topic,
        new AvroWireDeserializer<>(registry, CostAlert.class), settings);
    thread = new Thread(() -> {
      try {
        forwarder.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "e2e-bridge-" + groupId);
    thread.start();
  }

  @Override
  public void close() throws Exception {
    forwarder.stop();
    thread.join(30_000);
    assertThat(thread.isAlive()).as("the bridge stops within 30 s").isFalse();
    assertThat(failure.get()).as("the bridge's run ended without error").isNull();
  }
}
