package io.burnrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `burnrate demo`, shortened only in wall-clock time: the same simulated day, sent as fast as the
 * pipeline takes it. Its summary must report the death spiral, the budget overrun and the runaway
 * scaling caught, with their commands.
 */
class DemoIT {

  @Test
  void theDemoCatchesTheInjectedAnomaliesAndSaysSoInItsSummary() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("demo", "--speed", "100000", "--http-port", "0", "--color", "never");

    String text = out.toString();
    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    List<String> lines = text.lines().toList();
    assertThat(lines).as(text)
        .anySatisfy(l -> assertThat(l).startsWith("DEATH_SPIRAL").contains("COLD_START_FREQUENCY", " yes "))
        .anySatisfy(l -> assertThat(l).startsWith("BUDGET_OVERRUN").contains("DAILY_BUDGET_120", " yes "))
        .anySatisfy(l -> assertThat(l).startsWith("RUNAWAY_SCALING").contains("RUNAWAY_SCALING", " yes "))
        .anySatisfy(l -> assertThat(l).contains("COMMAND", "SET_MIN_REPLICAS", "-> 1 replicas"))
        .anySatisfy(l -> assertThat(l).contains("COMMAND", "ep-00001", "SCALE_DOWN", "DAILY_BUDGET_120"))
        .anySatisfy(l -> assertThat(l).contains("COMMAND", "ep-00002", "SCALE_DOWN", "RUNAWAY_SCALING"))
        .anySatisfy(l -> assertThat(l).matches("\\d+ of \\d+ injected anomalies caught.*"));
    assertThat(text).contains("Per endpoint:", "Detections against the injected anomalies:");
  }
}
