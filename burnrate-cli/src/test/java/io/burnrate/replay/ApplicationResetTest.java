package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationResetTest {
  private static final List<String> INPUTS =
      List.of("inference.requests", "inference.replicas", "billing.events", "endpoint.config");

  @TempDir Path stateDir;

  @Test
  void asksKafkasResetToolForTheApplicationsInputsToTheEarliest() {
    ApplicationReset reset = new ApplicationReset("burnrate", Map.of("bootstrap.servers", "kafka:9092"), INPUTS,
        stateDir);

    assertThat(reset.resetterArguments(false, null)).containsExactly(
        "--bootstrap-server", "kafka:9092", "--application-id", "burnrate",
        "--input-topics", "inference.requests,inference.replicas,billing.events,endpoint.config", "--to-earliest");
    assertThat(reset.resetterArguments(true, Path.of("/tmp/client.properties"))).endsWith(
        "--command-config", "/tmp/client.properties", "--dry-run");
  }

  @Test
  void deletesOnlyThisApplicationsStateFolder() throws IOException {
    Path mine = Files.createDirectories(stateDir.resolve("burnrate").resolve("0_1").resolve("rocksdb"));
    Files.writeString(mine.resolve("data"), "x");
    Path other = Files.createDirectories(stateDir.resolve("other-app"));
    ApplicationReset reset = new ApplicationReset("burnrate", Map.of("bootstrap.servers", "kafka:9092"), INPUTS,
        stateDir);

    assertThat(reset.stateDirectory()).isEqualTo(stateDir.resolve("burnrate"));
    assertThat(reset.deleteStateDirectory()).isTrue();
    assertThat(stateDir.resolve("burnrate")).doesNotExist();
    assertThat(other).exists();
    assertThat(reset.deleteStateDirectory()).isFalse();
  }

  @Test
  void needsToKnowTheCluster() {
    assertThatThrownBy(() -> new ApplicationReset("burnrate", Map.of(), INPUTS, stateDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bootstrap.servers is not set: say which Kafka cluster to reset");
  }
}
