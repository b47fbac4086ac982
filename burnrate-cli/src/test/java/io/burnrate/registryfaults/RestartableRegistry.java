package io.burnrate.registryfaults;

import static org.awaitility.Awaitility.await;

import io.burnrate.registry.EmbeddedSchemaRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The embedded schema registry on a broker, which a test can stop and start again on the same port,
 * as an operator restarts a registry: clients keep their URL.
 */
final class RestartableRegistry implements AutoCloseable {
  private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private EmbeddedSchemaRegistry running;
  private int port;

  private RestartableRegistry(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** A registry on a free loopback port, storing its schemas on {@code bootstrapServers}. */
  static RestartableRegistry start(String bootstrapServers) {
    RestartableRegistry registry = new RestartableRegistry(bootstrapServers);
    registry.running = new EmbeddedSchemaRegistry(bootstrapServers, EmbeddedSchemaRegistry.DEFAULT_HOST, 0).start();
    registry.port = registry.running.port();
    return registry;
  }

  String url() {
    return "http://" + EmbeddedSchemaRegistry.DEFAULT_HOST + ":" + port;
  }

  /** Stops serving: connections to {@link #url()} are refused until {@link #startAgain()}. */
  synchronized void stop() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  /** Starts a new registry on the same port and broker; it reloads every schema from the broker. */
  synchronized void startAgain() {
    if (running != null) {
      throw new IllegalStateException("the registry at " + url() + " is running");
    }
    // The port was just released; retry the bind briefly should the system hold it a moment.
    await("the registry listening again on " + url()).atMost(REBIND_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .until(() -> {
          running = new EmbeddedSchemaRegistry(bootstrapServers, EmbeddedSchemaRegistry.DEFAULT_HOST, port).start();
          return true;
        });
  }

  @Override
  public synchronized void close() {
    stop();
  }
}
