package io.burnrate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the repository root, found from the build's working directory. */
public final class RepoFiles {
  private static final String ROOT_PROPERTY = "burnrate.repo.root";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private RepoFiles() {}

  /** The repository root: the directory holding docker-compose.yml and the parent pom. */
  public static Path root() {
    String configured = System.getProperty(ROOT_PROPERTY);
    if (configured != null && !configured.isBlank() && isRoot(Path.of(configured))) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException("no directory above " + Path.of("").toAbsolutePath()
        + " holds docker-compose.yml and pom.xml; run the tests from the repository");
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static String text(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path(relative), e);
    }
  }

  public static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative + " as YAML: " + e.getMessage(), e);
    }
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative + " as JSON: " + e.getMessage(), e);
    }
  }

  private static boolean isRoot(Path dir) {
    return Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"));
  }
}
