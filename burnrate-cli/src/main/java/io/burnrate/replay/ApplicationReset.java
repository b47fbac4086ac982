package io.burnrate.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Resets the pipeline so that it reprocesses its inputs from scratch: Kafka's own streams reset tool
 * ({@link StreamsResetter}) moves the application's committed offsets of the input topics to the
 * earliest retained record and deletes its internal topics (changelogs); then this instance's local
 * state directory ({@code state.dir/application.id}) is deleted. Every instance must be stopped first
 * (the tool refuses while the consumer group has members), and the state directory of every other
 * machine that ran an instance must be deleted there too.
 */
public final class ApplicationReset {
  private final String applicationId;
  private final String bootstrapServers;
  private final Map<String, ?> clientProperties;
  private final List<String> inputTopics;
  private final Path stateDirectory;

  /**
   * @param applicationId the pipeline's {@code application.id} (its consumer group)
   * @param clientProperties Kafka client settings: bootstrap servers and security; other keys are ignored
   * @param inputTopics the topics whose offsets go back to the earliest
   * @param stateDir the pipeline's {@code state.dir}; its {@code applicationId} folder is deleted
   */
  public ApplicationReset(
      String applicationId, Map<String, ?> clientProperties, List<String> inputTopics, Path stateDir) {
    this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    this.clientProperties = Map.copyOf(clientProperties);
    Object bootstrap = clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (bootstrap == null || String.valueOf(bootstrap).isBlank()) {
      throw new IllegalArgumentException("bootstrap.servers is not set: say which Kafka cluster to reset");
    }
    this.bootstrapServers = String.valueOf(bootstrap);
    this.inputTopics = List.copyOf(inputTopics);
    this.stateDirectory = stateDir.resolve(applicationId);
  }

  /** The folder of this application's local state. */
  public Path stateDirectory() {
    return stateDirectory;
  }

  /** The reset tool's arguments; {@code preview} adds its {@code --dry-run}. */
  public List<String> resetterArguments(boolean preview, Path commandConfig) {
    List<String> args = new ArrayList<>(List.of(
        "--bootstrap-server", bootstrapServers,
        "--application-id", applicationId,
        "--input-topics", String.join(",", inputTopics),
        "--to-earliest"));
    if (commandConfig != null) {
      args.add("--command-config");
      args.add(commandConfig.toString());
    }
    if (preview) {
      args.add("--dry-run");
    }
    return args;
  }

  /**
   * Runs the reset tool (it prints what it does on stdout), then, unless {@code preview}, deletes the
   * local state directory.
   *
   * @param preview only show what would be done: the tool's own dry run, nothing deleted
   * @return 0 on success, else the tool's exit code
   */
  public int run(boolean preview) {
    Path commandConfig = writeCommandConfig();
    try {
      int exit = new StreamsResetter().execute(
          resetterArguments(preview, commandConfig).toArray(String[]::new), consumerProperties());
      if (exit != 0 || preview) {
        return exit;
      }
      deleteStateDirectory();
      return 0;
    } finally {
      deleteQuietly(commandConfig);
    }
  }

  /** Deletes {@code state.dir/application.id}; true when there was one. */
  public boolean deleteStateDirectory() {
    if (!Files.exists(stateDirectory)) {
      return false;
    }
    try (Stream<Path> paths = Files.walk(stateDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the local state " + stateDirectory + " (" + e.getMessage()
          + "); delete it by hand before starting the pipeline", e);
    }
  }

  private Properties consumerProperties() {
    Properties props = new Properties();
    clientProperties.forEach((key, value) -> {
      if (ConsumerConfig.configNames().contains(key) && !key.equals(ConsumerConfig.GROUP_PROTOCOL_CONFIG)) {
        props.put(key, String.valueOf(value));
      }
    });
    return props;
  }

  /**
   * The tool's admin client reads security settings only from a file: write the admin settings to a
   * file only this user can read, deleted after the run.
   */
  private Path writeCommandConfig() {
    Properties admin = new Properties();
    clientProperties.forEach((key, value) -> {
      if (AdminClientConfig.configNames().contains(key)) {
        admin.put(key, String.valueOf(value));
      }
    });
    try {
      Path file = Files.createTempFile("burnrate-reset", ".properties",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        admin.store(out, "client settings for the streams reset tool");
      }
      return file;
    } catch (UnsupportedOperationException e) {
      return writeCommandConfigWithoutPosix(admin);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reset tool's settings file: " + e.getMessage(), e);
    }
  }

  private static Path writeCommandConfigWithoutPosix(Properties admin) {
    try {
      Path file = Files.createTempFile("burnrate-reset", ".properties");
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        admin.store(out, "client settings for the streams reset tool");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reset tool's settings file: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file in the temp folder; nothing depends on it any more
    }
  }
}
