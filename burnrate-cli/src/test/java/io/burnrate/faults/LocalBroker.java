package io.burnrate.faults;

import static org.awaitility.Awaitility.await;

import io.burnrate.local.LoopbackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code burnrate local} in a child JVM: the embedded broker and schema registry on fixed loopback
 * ports over one data directory, so that a restart after a stop or a kill comes back on the same
 * address with the same topics, records, offsets, transactions and schema ids.
 */
final class LocalBroker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
  private static final String READY_LINE = "Press Ctrl-C to stop.";

  private final int kafkaPort = LoopbackPorts.free();
  private final int registryPort = LoopbackPorts.free();
  private final ChildJvm jvm;

  LocalBroker(Path workDir, int partitions) {
    this.jvm = new ChildJvm("broker", workDir.resolve("broker.log"), List.of("local",
        "--data-dir", workDir.resolve("broker-data").toString(),
        "--kafka-port", String.valueOf(kafkaPort), "--registry-port", String.valueOf(registryPort),
        "--partitions", String.valueOf(partitions)));
  }

  /** Starts (or starts again) and returns once the broker, the topics and the registry are up. */
  LocalBroker start() {
    await("the broker's ports " + kafkaPort + " and " + registryPort + " free").atMost(STOP_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> LoopbackPorts.isFree(kafkaPort) && LoopbackPorts.isFree(registryPort));
    jvm.start();
    await("the local stack up").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          jvm.requireAlive();
          return jvm.outputSinceStart().contains(READY_LINE);
        });
    return this;
  }

  /** SIGKILL: the broker and the registry vanish mid-request; the data stays on disk. */
  void kill() {
    jvm.kill();
  }

  /** SIGTERM: a controlled shutdown, awaited. */
  void stop() {
    jvm.terminate();
    jvm.awaitExit(STOP_TIMEOUT);
  }

  String bootstrapServers() {
    return LoopbackPorts.HOST + ":" + kafkaPort;
  }

  String registryUrl() {
    return "http://" + LoopbackPorts.HOST + ":" + registryPort;
  }

  String tail() {
    return jvm.tail();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
