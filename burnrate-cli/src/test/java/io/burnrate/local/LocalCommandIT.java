package io.burnrate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.cli.Burnrate;
import io.burnrate.config.TopicNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burnrate local}, and {@code local --run} with the pipeline, as a person runs it: in its own
 * JVM, stopped with SIGTERM (what Ctrl-C also triggers).
 */
class LocalCommandIT {

  private static final Duration START_WITHIN = Duration.ofSeconds(60);
  private static final Duration STOP_WITHIN = Duration.ofSeconds(45);

  private final Queue<String> stdout = new ConcurrentLinkedQueue<>();
  private final Queue<String> stderr = new ConcurrentLinkedQueue<>();
  private Process process;

  @AfterEach
  void stopProcess() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void startsTheStackPrintsWhereItIsAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    int kafkaPort = LoopbackPorts.free();
    int registryPort = LoopbackPorts.free();
    process = new ProcessBuilder(javaExecutable(), productionLogging(), "-cp", System.getProperty("java.class.path"),
        Burnrate.class.getName(), "local", "--data-dir", dir.toString(),
        "--kafka-port", String.valueOf(kafkaPort), "--registry-port", String.valueOf(registryPort), "--partitions", "2")
        .start();
    collect(process.getInputStream(), stdout);
    collect(process.getErrorStream(), stderr);

    await().atMost(START_WITHIN).until(() -> stdout.contains("Press Ctrl-C to stop.") || !process.isAlive());
    assertThat(process.isAlive()).as("still running; stderr: %s", stderr).isTrue();
    assertThat(stdout).contains(
        "Burnrate local stack is up (data in " + dir + ")",
        "  Kafka bootstrap servers: 127.0.0.1:" + kafkaPort,
        "  Schema registry:         http://127.0.0.1:" + registryPort,
        "    inference.requests     2");

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(TopicNames.DEFAULTS.pipelineTopics()).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(2));
    }
    HttpResponse<String> subjects = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registryPort + "/subjects"))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.statusCode()).isEqualTo(200);

    assertSecondRunOnTheSameDirectoryIsRefused(dir);

    process.toHandle().destroy(); // SIGTERM; unlike Process.destroy() it leaves the output streams open to read
    assertThat(process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("stopped within bound").isTrue();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stdout)
        .as("stdout; stderr: %s", stderr).contains("Stopped."));
    assertThat(LoopbackPorts.isFree(kafkaPort)).isTrue();
    assertThat(LoopbackPorts.isFree(registryPort)).isTrue();
    assertThat(stderr).as("logs go to stderr").anyMatch(line -> line.contains("INFO  i.b.l.EmbeddedKafka - Kafka broker ready"));
    assertThat(stderr).as("Kafka logs only warnings, without the routine ones; Burnrate logs at INFO")
        .noneMatch(line -> line.contains("Performing controller activation"))
        .allSatisfy(line -> assertThat(line).doesNotContainPattern("^\\S+ (INFO|DEBUG|TRACE) ++(?!i\\.b\\.)"));
    assertThat(String.join("\n", stderr)).doesNotContain("StatusLogger", "SLF4J(W)", "log4j:WARN");
  }

  @Test
  void runsThePipelineOnTheStackWithRunAndStopsBothOnSigterm(@TempDir Path dir) throws Exception {
    int kafkaPort = LoopbackPorts.free();
    int registryPort = LoopbackPorts.free();
    int httpPort = LoopbackPorts.free();
    process = new ProcessBuilder(javaExecutable(), productionLogging(), "-cp", System.getProperty("java.class.path"),
        Burnrate.class.getName(), "local", "--run", "--data-dir", dir.toString(),
        "--kafka-port", String.valueOf(kafkaPort), "--registry-port", String.valueOf(registryPort),
        "--http-port", String.valueOf(httpPort))
        .start();
    collect(process.getInputStream(), stdout);
    collect(process.getErrorStream(), stderr);

    await().atMost(START_WITHIN.multipliedBy(2))
        .until(() -> stderr.stream().anyMatch(line -> line.contains("-> RUNNING")) || !process.isAlive());
    assertThat(process.isAlive()).as("still running; stderr: %s", stderr).isTrue();
    assertThat(stdout).contains("  Kafka bootstrap servers: 127.0.0.1:" + kafkaPort);
    assertThat(stderr).anyMatch(line -> line.contains("Burnrate is running")
        && line.contains("bootstrap=127.0.0.1:" + kafkaPort)
        && line.contains("registry=http://127.0.0.1:" + registryPort));
    URI ready = URI.create("http://127.0.0.1:" + httpPort + "/health/ready");
    await().atMost(Duration.ofSeconds(30)).until(() -> HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    assertThat(dir.resolve("streams-state")).as("the pipeline's state is kept in the data directory").isDirectory();

    process.toHandle().destroy();
    assertThat(process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("stopped within bound").isTrue();
    assertThat(process.exitValue()).as("exit code; stderr: %s", stderr).isZero();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stdout)
        .as("stdout; stderr: %s", stderr).contains("Stopped."));
    assertThat(LoopbackPorts.isFree(kafkaPort)).isTrue();
    assertThat(LoopbackPorts.isFree(httpPort)).isTrue();
  }

  private static void assertSecondRunOnTheSameDirectoryIsRefused(Path dir) throws Exception {
    Process second = new ProcessBuilder(javaExecutable(), productionLogging(), "-cp", System.getProperty("java.class.path"),
        Burnrate.class.getName(), "local", "--data-dir", dir.toString(), "--kafka-port", "0", "--registry-port", "0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      assertThat(second.waitFor(START_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(1);
      String errors = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(errors.lines()).containsExactly(
          "error: the Kafka data directory " + dir.resolve(LocalStack.KAFKA_DIRECTORY)
              + " is in use by another broker; stop that one or choose another directory",
          "(run again with --verbose for details)");
    } finally {
      second.destroyForcibly();
    }
  }

  /** The shipped logback.xml rather than the tests' logback-test.xml, which is also on the class path. */
  private static String productionLogging() {
    URL config = Objects.requireNonNull(Burnrate.class.getResource("/logback.xml"), "logback.xml on the class path");
    return "-Dlogback.configurationFile=" + config;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void collect(InputStream stream, Queue<String> lines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(stream closed: " + e.getMessage() + ")");
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
  }
}
