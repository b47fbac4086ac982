package io.burnrate.replay;

import static io.burnrate.replay.Exports.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.cli.Burnrate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code burnrate replay} without a broker: usage errors (exit 2) and dry runs (exit 0). */
class ReplayCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aDryRunValidatesCountsAndSaysWhereTheRejectsAre() {
    String start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
    String end = Instant.parse(start).plus(1, ChronoUnit.HOURS).toString();
    Path file = Exports.csv(dir, "bill.csv", row("li-1", "ep-a", start, end, "1"), row("li-2", "ep-a", end, start, "1"));

    int exit = run("replay", "--dry-run", "--no-progress", file.toString());

    assertThat(exit).isZero();
    assertThat(out.toString().lines()).containsExactly(
        "files:    1",
        "read:     2 rows",
        "sent:     none, dry run (1 valid rows would be sent to billing.events)",
        "rejected: 1, with the reasons in " + dir.resolve("bill.csv.rejects.csv") + " (1)");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aMissingFileIsBadUsage() {
    Path missing = dir.resolve("missing.csv");

    assertThat(run("replay", "--dry-run", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: " + missing + ": no such file or directory");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void inputsAreCheckedBeforeKafkaIsContacted() {
    Path missing = dir.resolve("missing.csv");

    assertThat(run("replay", "-b", "127.0.0.1:1", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: " + missing + ": no such file or directory");
  }

  @Test
  void aMappingOfAnUnknownFieldIsBadUsage() {
    Path file = Exports.csv(dir, "bill.csv");

    assertThat(run("replay", "--dry-run", "--map", "cost=lineItem/UnblendedCost", file.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: --map cost=lineItem/UnblendedCost: 'cost' is no billing field");
  }

  @Test
  void aHeaderWithoutAMappedColumnIsBadUsage() {
    Path file = Exports.csv(dir, "bill.csv");

    assertThat(run("replay", "--dry-run", "--map", "cost_usd=lineItem/UnblendedCost", file.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: " + file + ":1: no column 'lineItem/UnblendedCost' for cost_usd");
  }

  @Test
  void badOptionsAreBadUsage() {
    Path file = Exports.csv(dir, "bill.csv");

    assertThat(run("replay", "--rate", "0", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error: --rate must be a positive number of rows per second, not 0.0");
    assertThat(run("replay", "--rate", "fast", file.toString())).isEqualTo(2);
    assertThat(run("replay", "--yes", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error: --yes goes with --reset-application");
    assertThat(run("replay", "--reset-application", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error: --reset-application resets only");
    assertThat(run("replay", "--record-time", "yesterday", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error: --record-time must be usage-end or now, not 'yesterday'");
    assertThat(run("replay", "--no-such-option")).isEqualTo(2);
  }

  private int run(String... args) {
    CommandLine cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
