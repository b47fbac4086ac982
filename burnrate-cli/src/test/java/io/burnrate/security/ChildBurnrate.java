package io.burnrate.security;

import io.burnrate.cli.Burnrate;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code burnrate ARGS} in its own JVM on the test class path, with the shipped logback.xml and
 * logging turned up (Burnrate at DEBUG, Kafka at INFO, so that clients print their settings), its
 * stdout and stderr written to files of the test's.
 */
final class ChildBurnrate implements AutoCloseable {
  final Path stdout;
  final Path stderr;
  private final Process process;

  private ChildBurnrate(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code burnrate args...}; its output goes to {@code <name>.out} and {@code <name>.err} in {@code dir}. */
  static ChildBurnrate start(Path dir, String name, String... args) throws IOException {
    URL logback = Objects.requireNonNull(Burnrate.class.getResource("/logback.xml"), "logback.xml on the class path");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        "-Dlogback.configurationFile=" + logback,
        "-DBURNRATE_LOG_LEVEL=DEBUG",
        "-DBURNRATE_KAFKA_LOG_LEVEL=INFO",
        "-cp", System.getProperty("java.class.path"),
        Burnrate.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // Nothing from the test's environment configures Burnrate: the config file alone does.
    builder.environment().keySet().removeIf(key -> key.startsWith("BURNRATE_"));
    return new ChildBurnrate(builder.start(), out, err);
  }

  /** Waits for the process to end on its own; it is killed if it does not within {@code bound}. */
  int awaitExit(Duration bound) throws InterruptedException {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("burnrate did not exit within " + bound.toSeconds() + " s; stderr: " + err());
    }
    return process.exitValue();
  }

  /** Sends SIGTERM (what Ctrl-C also triggers) and waits for a clean exit. */
  int stop(Duration bound) throws InterruptedException {
    process.toHandle().destroy();
    return awaitExit(bound);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String out() {
    return read(stdout);
  }

  String err() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
