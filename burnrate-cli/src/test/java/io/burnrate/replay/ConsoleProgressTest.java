package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  private static final long SECOND = 1_000_000_000L;

  private long now = 100 * SECOND;
  private final StringWriter text = new StringWriter();

  @Test
  void rendersBarShareRowsRateRejectsAndEta() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), true, Duration.ofSeconds(10), () -> now);

    String line = progress.render(new ReplayProgress(ReplayProgress.READING, "bill.csv", 250, 1000, 30_000, 12),
        5 * SECOND);

    assertThat(line).isEqualTo(
        "reading bill.csv [######------------------]  25%  30,000 rows  6,000 rows/s  12 rejected  ETA 0:15");
  }

  @Test
  void leavesOutWhatIsUnknown() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), true, Duration.ofSeconds(10), () -> now);

    assertThat(progress.render(new ReplayProgress(ReplayProgress.SENDING, null, 0, 0, 0, 0), 0))
        .isEqualTo("sending  0 rows");
  }

  @Test
  void onATerminalRedrawsInPlaceAtMostFiveTimesASecondAndEndsTheLine() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), true, Duration.ofSeconds(10), () -> now);
    ReplayProgress half = new ReplayProgress(ReplayProgress.READING, "a.csv", 50, 100, 10, 0);

    progress.update(half);
    now += SECOND / 10;
    progress.update(half);
    now += SECOND / 10;
    progress.update(new ReplayProgress(ReplayProgress.READING, "a.csv", 100, 100, 20, 0));
    progress.finished(new ReplayProgress(ReplayProgress.READING, "a.csv", 100, 100, 20, 0));

    String out = text.toString();
    assertThat(out).doesNotContain("10 rows").startsWith("\rreading a.csv [").endsWith(System.lineSeparator());
    assertThat(out.split("\r", -1)).hasSize(3);
  }

  @Test
  void elsewherePrintsAPlainLineEveryIntervalAndNothingAtTheEnd() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), false, Duration.ofSeconds(10), () -> now);
    ReplayProgress some = new ReplayProgress(ReplayProgress.READING, "a.csv", 10, 100, 10, 0);

    for (int second = 1; second <= 25; second++) {
      now += SECOND;
      progress.update(some);
    }
    progress.finished(some);

    assertThat(text.toString()).doesNotContain("\r");
    assertThat(text.toString().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("reading a.csv ["));
  }
}
