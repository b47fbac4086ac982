package io.burnrate.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command to completion within a timeout, its output captured in files (so a
 * chatty process never blocks on a full pipe), and destroys it if it outlives the timeout.
 */
final class ExternalProcess {

  /** What a finished (or killed) command left behind. */
  record Result(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr) {

    boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    /** Everything a person needs to see why the command failed. */
    String describe() {
      return "command " + command + (timedOut ? " timed out" : " exited with " + exitCode)
          + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  private ExternalProcess() {}

  static Result run(List<String> command, Path workingDir, Map<String, String> env, Duration timeout) {
    Path stdout = null;
    Path stderr = null;
    Process process = null;
    try {
      stdout = Files.createTempFile("burnrate-proc-", ".out");
      stderr = Files.createTempFile("burnrate-proc-", ".err");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workingDir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      builder.environment().putAll(env);
      process = builder.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        destroy(process);
      }
      return new Result(command, finished ? process.exitValue() : -1, !finished,
          Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command + " in " + workingDir
          + " (is it installed and on the PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      if (process != null && process.isAlive()) {
        destroy(process);
      }
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void destroy(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }
}
