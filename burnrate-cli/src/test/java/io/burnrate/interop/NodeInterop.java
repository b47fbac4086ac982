package io.burnrate.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code interop/} Node.js project at the repository root: finds it, installs its locked npm
 * packages once, and runs its scripts.
 */
final class NodeInterop {

  static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
  private static final String REPO_ROOT_PROPERTY = "burnrate.repo.root";
  private static final String DIRECTORY = "interop";

  private final Path directory;

  private NodeInterop(Path directory) {
    this.directory = directory;
  }

  /** Locates {@code interop/} and runs {@code npm ci} when its packages are not installed yet. */
  static NodeInterop installed() {
    NodeInterop interop = new NodeInterop(locate());
    interop.installIfMissing();
    return interop;
  }

  Path directory() {
    return directory;
  }

  ExternalProcess.Result runScript(String script, Map<String, String> env) {
    return ExternalProcess.run(List.of("node", script), directory, env, SCRIPT_TIMEOUT);
  }

  private void installIfMissing() {
    if (Files.isDirectory(directory.resolve("node_modules"))) {
      return;
    }
    ExternalProcess.Result result = ExternalProcess.run(
        List.of("npm", "ci", "--no-audit", "--no-fund"), directory, Map.of(), INSTALL_TIMEOUT);
    if (!result.succeeded()) {
      throw new IllegalStateException("npm ci failed in " + directory
          + "; the npm registry must be reachable to install the locked packages of package-lock.json\n"
          + result.describe());
    }
  }

  private static Path locate() {
    String configured = System.getProperty(REPO_ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()
        && Files.isDirectory(Path.of(configured).resolve(DIRECTORY))) {
      return Path.of(configured).resolve(DIRECTORY).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(DIRECTORY).resolve("package.json"))) {
        return dir.resolve(DIRECTORY);
      }
    }
    throw new IllegalStateException("found no " + DIRECTORY + "/package.json in the system property "
        + REPO_ROOT_PROPERTY + " (" + configured + ") nor above " + Path.of("").toAbsolutePath());
  }
}
