package io.burnrate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server binary (Prometheus, Alertmanager) run as a child process for one test: output in a log
 * file, started when its readiness URL answers 200, stopped (SIGTERM, then kill) by {@link #close()}.
 */
public final class ExternalServer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private ExternalServer(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * The installed binary of a Debian package, or a failed test saying how to install it: these tests
   * must run, so a missing binary is a failure, not a skip.
   */
  public static Path requireBinary(String debianPackage, String... candidates) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String candidate : candidates) {
      Path absolute = Path.of(candidate);
      if (absolute.isAbsolute() && Files.isExecutable(absolute)) {
        return absolute;
      }
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, candidate))) {
          return Path.of(dir, candidate);
        }
      }
    }
    throw new AssertionError("none of " + List.of(candidates) + " is installed: this end-to-end test needs the"
        + " Debian package '" + debianPackage + "', which .ci/run installs (apt-get install -y prometheus"
        + " prometheus-alertmanager); on a developer machine run: sudo apt-get install -y " + debianPackage);
  }

  /**
   * Starts {@code command} and waits until {@code readyUrl} answers 200.
   *
   * @throws AssertionError with the server's log when it exits or is not ready in time
   */
  public static ExternalServer start(String name, List<String> command, Path workDir, URI readyUrl) {
    Path log = workDir.resolve(name + ".log");
    Process process;
    try {
      process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
    ExternalServer server = new ExternalServer(name, process, log);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!server.answers200(readyUrl)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String why = process.isAlive() ? "not ready within " + READY_TIMEOUT : "exited with " + process.exitValue();
        server.close();
        throw new AssertionError(name + " " + why + " (" + command + ", waiting for " + readyUrl + "); its log:\n"
            + server.log());
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.close();
        throw new IllegalStateException("interrupted while starting " + name, e);
      }
    }
    return server;
  }

  /** What the server printed so far. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  private boolean answers200(URI url) {
    try {
      HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
