package io.burnrate.faults;

import static org.awaitility.Awaitility.await;

import io.burnrate.config.BurnrateConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code burnrate run --config FILE --close-timeout S} in a child JVM: one Burnrate instance with its own
 * configuration file, state directory and log, started, killed, terminated and started again over the
 * same state directory (unless a test wipes it in between).
 */
final class BurnrateInstance implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern HTTP_URL = Pattern.compile("Burnrate is running: .* http=(http://\\S+)");

  private final String name;
  private final Path stateDir;
  private final ChildJvm jvm;
  private final Duration closeTimeout;

  /**
   * @param name also the Kafka client id, so a member of the consumer group names its instance
   * @param settings configuration keys on top of the shipped defaults (state.dir, client.id and the
   *     HTTP port are set here)
   */
  BurnrateInstance(String name, Path workDir, Map<String, String> settings, Duration closeTimeout) {
    this.name = name;
    this.stateDir = workDir.resolve(name + "-state");
    this.closeTimeout = closeTimeout;
    Map<String, String> all = new TreeMap<>(settings);
    all.put("state.dir", stateDir.toString());
    all.put("client.id", name);
    all.put(BurnrateConfig.HTTP_PORT, "0");
    Path configFile = workDir.resolve(name + ".properties");
    write(configFile, all);
    this.jvm = new ChildJvm(name, workDir.resolve(name + ".log"), List.of("run", "--config", configFile.toString(),
        "--close-timeout", String.valueOf(closeTimeout.toSeconds())));
  }

  String name() {
    return name;
  }

  Path stateDir() {
    return stateDir;
  }

  Duration closeTimeout() {
    return closeTimeout;
  }

  /** Starts the instance and returns once its Kafka Streams runs (it may rebalance again later). */
  BurnrateInstance start() {
    jvm.start();
    await(name + " running").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          jvm.requireAlive();
          return jvm.outputSinceStart().contains("-> RUNNING");
        });
    return this;
  }

  /** SIGKILL, mid-whatever it is doing. */
  void kill() {
    jvm.kill();
  }

  /** SIGSTOP: frozen mid-whatever, its transaction left to time out. */
  void suspend() {
    jvm.suspend();
  }

  void resume() {
    jvm.resume();
  }

  /** SIGTERM; returns at once. */
  void terminate() {
    jvm.terminate();
  }

  int awaitExit(Duration timeout) {
    return jvm.awaitExit(timeout);
  }

  boolean isAlive() {
    return jvm.isAlive();
  }

  void requireAlive() {
    jvm.requireAlive();
  }

  /** The base URL of its HTTP endpoint, from the line it logs once it runs. */
  String httpUrl() {
    Matcher matcher = HTTP_URL.matcher(jvm.outputSinceStart());
    if (!matcher.find()) {
      throw new AssertionError(name + " has not logged its HTTP address; its last output:\n" + jvm.tail());
    }
    return matcher.group(1);
  }

  String outputSinceStart() {
    return jvm.outputSinceStart();
  }

  String tail() {
    return jvm.tail();
  }

  @Override
  public void close() {
    jvm.close();
  }

  private static void write(Path file, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(out, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the configuration " + file, e);
    }
  }
}
