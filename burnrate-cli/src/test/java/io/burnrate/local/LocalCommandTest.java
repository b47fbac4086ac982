package io.burnrate.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.cli.Burnrate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The errors {@code burnrate local} gives before it starts anything: one line, exit code 1 (2 for bad
 * usage and, with {@code --run}, an invalid configuration); and its options.
 */
class LocalCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void saysWhichKafkaPortIsBusyAndWhatToDo(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = listening()) {
      int exit = run("local", "--data-dir", dir.toString(), "--kafka-port", String.valueOf(taken.getLocalPort()));

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString()).isEqualTo("error: port " + taken.getLocalPort()
          + " on 127.0.0.1 is in use; pass --kafka-port or stop the other process" + System.lineSeparator());
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void saysWhichRegistryPortIsBusy(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = listening()) {
      int exit = run("local", "--data-dir", dir.toString(), "--kafka-port", "0",
          "--registry-port", String.valueOf(taken.getLocalPort()));

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString()).isEqualTo("error: port " + taken.getLocalPort()
          + " on 127.0.0.1 is in use; pass --registry-port or stop the other process" + System.lineSeparator());
    }
  }

  @Test
  void saysTheDataDirectoryIsUnusableInOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path dataDir = file.resolve("burnrate-data");

    int exit = run("local", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--registry-port", "0");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("error: data directory unusable: cannot create " + dataDir + ": " + file
        + " is a file, not a directory; pass --data-dir with a writable directory" + System.lineSeparator());
  }

  @Test
  void refusesTheSamePortForBrokerAndRegistryAsBadUsage(@TempDir Path dir) {
    int exit = run("local", "--data-dir", dir.toString(), "--kafka-port", "9999", "--registry-port", "9999");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("--kafka-port and --registry-port are both 9999; give them different ports");
  }

  @Test
  void refusesZeroPartitionsAsBadUsage(@TempDir Path dir) {
    int exit = run("local", "--data-dir", dir.toString(), "--partitions", "0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("--partitions must be at least 1, was 0");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    int exit = run("local", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Usage: burnrate local")
        .contains("--data-dir=DIR", "burnrate-data, under the working directory")
        .contains("--kafka-port=PORT", "default: 9092")
        .contains("--registry-port=PORT", "default: 8081")
        .contains("--partitions=N", "default: 3")
        .contains("--verbose")
        .contains("With --run, the pipeline on the local stack:", "--run", "--config=FILE", "--set=KEY=VALUE",
            "--dry-run", "--http-port=PORT", "--close-timeout=SECONDS", "default: 30");
  }

  @Test
  void runsThePipelineOnlyWhenAsked() {
    ParseResult stackOnly = Burnrate.newCommandLine().parseArgs("local").subcommand();
    ParseResult withPipeline = Burnrate.newCommandLine()
        .parseArgs("local", "--run", "--http-port", "0", "--set", "burnrate.dry.run=true", "--close-timeout", "5")
        .subcommand();

    assertThat(stackOnly.hasMatchedOption("--run")).isFalse();
    assertThat(withPipeline.hasMatchedOption("--run")).isTrue();
    assertThat((Integer) withPipeline.matchedOptionValue("--http-port", null)).isZero();
    assertThat(withPipeline.matchedOptionValue("--set", Map.of())).isEqualTo(Map.of("burnrate.dry.run", "true"));
  }

  @Test
  void refusesThePipelinesSettingsWithoutRunAsBadUsage(@TempDir Path dir) {
    int exit = run("local", "--data-dir", dir.toString(), "--set", "burnrate.dry.run=true");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("Error: Missing required argument(s): --run");
  }

  @Test
  void saysTheConfigurationIsInvalidBeforeStartingAnything(@TempDir Path dir) {
    Path dataDir = dir.resolve("burnrate-data");

    int exit = run("local", "--run", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--registry-port", "0",
        "--set", "burnrate.no.such.key=1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("burnrate.no.such.key");
    assertThat(dataDir).doesNotExist();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void theStackIsStartedHereNotByRun() {
    int exit = run("run", "--embedded");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("Unknown option: '--embedded'");
  }

  private int run(String... args) {
    CommandLine cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static ServerSocket listening() throws Exception {
    return new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST));
  }
}
