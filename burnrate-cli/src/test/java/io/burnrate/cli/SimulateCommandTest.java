package io.burnrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code burnrate simulate}: files with --out, and one-line errors with exit code 2 for bad options. */
class SimulateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void writesTheFilesWithOut(@TempDir Path dir) throws Exception {
    int exit = run("simulate", "--out", dir.toString(), "--endpoints", "3", "--duration", "2h", "--peak-rate", "0.5",
        "--scenario", "RUNAWAY_SCALING:1@30m+1h");

    assertThat(exit).as(err.toString()).isZero();
    for (String name : new String[] {"endpoint.config", "inference.requests", "inference.replicas", "billing.events"}) {
      assertThat(dir.resolve(name + ".csv")).isNotEmptyFile();
      assertThat(dir.resolve(name + ".jsonl")).isNotEmptyFile();
    }
    assertThat(Files.readString(dir.resolve("ground-truth.json"))).contains("\"RUNAWAY_SCALING\"", "ep-00001");
    assertThat(Files.readAllLines(dir.resolve("endpoint.config.csv"))).hasSize(4);
    assertThat(out.toString()).contains("Wrote ", dir.toString(), "RUNAWAY_SCALING").doesNotContain("Produced");
    assertThat(err.toString()).contains("simulate: done, simulated time 2026-11-02T02:00:00Z (100%)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--endpoints|-3|--endpoints must be between 1 and 1000000, was -3",
      "--endpoints|0|--endpoints must be between 1 and 1000000, was 0",
      "--scenario|FOO:3|--scenario 'FOO:3': unknown scenario 'FOO'; allowed: DEATH_SPIRAL, RUNAWAY_SCALING,"
          + " BUDGET_OVERRUN, TRAFFIC_SURGE, OVER_PROVISIONED, PRICIER_REGION",
      "--scenario|DEATH_SPIRAL:99|--scenario: DEATH_SPIRAL: endpoint 99 is not in this fleet of 24",
      "--scenario|DEATH_SPIRAL|--scenario 'DEATH_SPIRAL': expected NAME:ENDPOINT[@START][+DURATION]",
      "--duration|3x|--duration: '3x' is not a duration such as 1d, 7d, 6h, 1h30m, 90s or ISO-8601 PT6H",
      "--duration|400d|--duration must be more than 0 and at most 366d, was '400d'",
      "--start|monday|--start must be an ISO-8601 instant in UTC such as 2026-11-02T00:00:00Z, was 'monday'",
      "--speed|fast|--speed must be a number of simulated seconds per second above 0 (e.g. 720) or max, was 'fast'",
      "--peak-rate|0|--peak-rate must be more than 0 and at most 10000 requests/s, was 0.0",
      "--billing-delay|2h|--billing-delay must be MIN..MAX such as 1h..2h, was '2h'"})
  void aBadOptionIsOneLineNamingItAndWhatIsAllowed(String option, String value, String message, @TempDir Path dir) {
    int exit = run("simulate", "--out", dir.toString(), option, value);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: " + message);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void helpDocumentsScenariosFilesAndDefaults() {
    CommandLine cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.getSubcommands().get("simulate").setUsageHelpWidth(1000);
    int exit = cli.execute("simulate", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: burnrate simulate", "--endpoints=N", "default: 24", "--seed=SEED",
        "--start=INSTANT", "2026-11-02T00:00:00Z", "--duration=DURATION", "--speed=X|max", "--peak-rate",
        "--scenario=NAME:ENDPOINT[@START][+DURATION]", "DEATH_SPIRAL", "PRICIER_REGION", "ground-truth.json",
        "line_item_id,endpoint_id,usage_start,usage_end,category,instance_type,region,", "-b, --bootstrap-servers",
        "-r, --registry-url", "--set=KEY=VALUE");
  }
}
