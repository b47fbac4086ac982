package io.burnrate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar JAR ARGS} in a JVM of its own, as a container runs it: the jar's own class path and
 * logging configuration, no BURNRATE_* variables from the test's environment, stdout and stderr in
 * files (so a chatty process never blocks on a full pipe). {@link #close()} kills it if it still runs.
 */
final class JarProcess implements AutoCloseable {
  private final List<String> command;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private JarProcess(List<String> command, Process process, Path stdout, Path stderr) {
    this.command = command;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts the jar; {@code name} names its output files in {@code dir}. */
  static JarProcess start(Path jar, Path dir, String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString()));
    command.addAll(args);
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("BURNRATE_"));
    return new JarProcess(List.copyOf(command), builder.start(), out, err);
  }

  /** Runs the jar to its end within {@code bound}, and fails (having killed it) if it does not end. */
  static JarProcess run(Path jar, Path dir, String name, Duration bound, String... args) throws Exception {
    try (JarProcess process = start(jar, dir, name, List.of(args))) {
      process.awaitExit(bound);
      return process;
    }
  }

  /** Waits for the end and returns the exit code; kills the process and fails when it outlives {@code bound}. */
  int awaitExit(Duration bound) throws InterruptedException {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError(describe() + " did not end within " + bound.toSeconds() + " s");
    }
    return process.exitValue();
  }

  int exitCode() {
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as {@code docker stop} sends it; returns at once. */
  void terminate() {
    process.destroy();
  }

  String out() {
    return read(stdout);
  }

  String err() {
    return read(stderr);
  }

  /** The command and all it wrote, for failure messages. */
  String describe() {
    return String.join(" ", command) + "\n--- stdout ---\n" + out() + "\n--- stderr ---\n" + err();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
