package io.burnrate.faults;

import io.burnrate.cli.Burnrate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code burnrate} command in a JVM of its own, on the test class path and the shipped logging
 * configuration, its output appended to a log file. It can be started again after it ended, with the
 * same arguments; {@link #close()} kills it if it still runs.
 */
final class ChildJvm implements AutoCloseable {
  private static final Duration REAP_TIMEOUT = Duration.ofSeconds(30);
  /** Children still running when the test JVM itself ends (a forked-JVM timeout) are killed with it. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
        "child-jvm-reaper"));
  }

  private final String name;
  private final List<String> arguments;
  private final Path log;
  private Process process;
  private long logOffsetAtStart;

  ChildJvm(String name, Path log, List<String> arguments) {
    this.name = Objects.requireNonNull(name, "name");
    this.log = Objects.requireNonNull(log, "log");
    this.arguments = List.copyOf(arguments);
  }

  String name() {
    return name;
  }

  /** Starts the command; its output from now on is what {@link #outputSinceStart()} shows. */
  ChildJvm start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running as process " + process.pid());
    }
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", productionLogging(), "-cp", System.getProperty("java.class.path"),
        Burnrate.class.getName()));
    command.addAll(arguments);
    try {
      Files.createDirectories(log.getParent());
      logOffsetAtStart = Files.exists(log) ? Files.size(log) : 0;
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      RUNNING.add(process);
      process.onExit().thenAccept(RUNNING::remove);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", arguments) + ")", e);
    }
    return this;
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  long pid() {
    requireStarted();
    return process.pid();
  }

  /** SIGSTOP: the process stays, frozen, until {@link #resume}. */
  void suspend() {
    signal("STOP");
  }

  /** SIGCONT. */
  void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    requireStarted();
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while signalling " + name, e);
    }
  }

  /** SIGKILL: the process ends at once, with no shutdown hook, no commit and no flush. */
  void kill() {
    requireStarted();
    process.destroyForcibly();
    awaitExit(REAP_TIMEOUT);
  }

  /** SIGTERM, as Ctrl-C or a container stop sends it; returns at once. */
  void terminate() {
    requireStarted();
    process.destroy();
  }

  /** Waits for the process to end and returns its exit code; fails after {@code timeout}. */
  int awaitExit(Duration timeout) {
    requireStarted();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " (process " + process.pid() + ") did not end within " + timeout
            + "; its last output:\n" + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name + " to end", e);
    }
    return process.exitValue();
  }

  /** What the process wrote since it was last started. */
  String outputSinceStart() {
    byte[] all = bytes();
    int from = (int) Math.min(logOffsetAtStart, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }

  /** The last lines of the log, for failure messages. */
  String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Fails, with the log's tail, when the process has ended. */
  void requireAlive() {
    if (!isAlive()) {
      throw new AssertionError(name + " ended unexpectedly with exit code " + process.exitValue()
          + "; its last output:\n" + tail());
    }
  }

  private String output() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  private byte[] bytes() {
    try {
      return Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of " + name + " in " + log, e);
    }
  }

  private void requireStarted() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
  }

  @Override
  public void close() {
    if (isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(REAP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
}
