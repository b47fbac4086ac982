package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Warm latencies in bins relative to the HIGH_LATENCY threshold (1000 ms here). */
class LatencyBinsTest {
  private static final double LIMIT = 1000;
  /** The bins' upper bounds as fractions of the threshold; the last bin has none. */
  private static final double[] BOUNDS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0, 1.1, 1.25, 1.5, 2, 3, 5, 10};

  private static long[] bins(int... countsByBin) {
    long[] bins = new long[LatencyBins.COUNT];
    for (int i = 0; i < countsByBin.length; i += 2) {
      bins[countsByBin[i]] += countsByBin[i + 1];
    }
    return bins;
  }

  @Test
  void thereIsOneBinPerBoundAndOneBeyondTheLast() {
    assertThat(LatencyBins.COUNT).isEqualTo(BOUNDS.length + 1);
  }

  @Test
  void aLatencyAtABoundIsInThatBoundsBinAndJustAboveItInTheNext() {
    for (int i = 0; i < BOUNDS.length; i++) {
      double bound = LIMIT * BOUNDS[i];
      assertThat(LatencyBins.index(bound, LIMIT)).as("at %s ms", bound).isEqualTo(i);
      assertThat(LatencyBins.index(bound + 0.001, LIMIT)).as("just above %s ms", bound).isEqualTo(i + 1);
    }
  }

  @ParameterizedTest(name = "{0} ms under a {1} ms limit: bin {2}")
  @CsvSource({
      "0, 1000, 0",
      "499.999, 1000, 0",
      "1000, 1000, 7",
      "1000.001, 1000, 8",
      "250, 500, 0",
      "500, 500, 7",
      "501, 500, 8",
      "450, 500, 5",
      "451, 500, 6",
      "5000, 500, 14",
      "5001, 500, 15",
      "1000000, 500, 15"})
  void theBinIsRelativeToTheLimit(double latencyMs, double limitMs, int bin) {
    assertThat(LatencyBins.index(latencyMs, limitMs)).isEqualTo(bin);
  }

  @Test
  void withoutRequestsThereIsNoP95() {
    assertThat(LatencyBins.p95(new long[LatencyBins.COUNT], LIMIT, 0)).isNaN();
  }

  @Test
  void theP95IsInterpolatedWithinTheFirstBinFromZero() {
    // 100 requests up to 500 ms: the 95th lies 95 % into (0, 500].
    assertThat(LatencyBins.p95(bins(0, 100), LIMIT, 480)).isCloseTo(475, within(1e-9));
  }

  @Test
  void theP95IsInterpolatedWithinItsBin() {
    // 90 fast, 10 in (1100, 1250]: the 95th is the 5th of those 10, half-way in.
    assertThat(LatencyBins.p95(bins(0, 90, 9, 10), LIMIT, 1240)).isCloseTo(1175, within(1e-9));
    // 94 fast, 6 in (500, 600]: the 95th is the first of those 6.
    assertThat(LatencyBins.p95(bins(0, 94, 1, 6), LIMIT, 590)).isCloseTo(500 + 100.0 / 6, within(1e-9));
  }

  @Test
  void theRankIsRoundedUp() {
    // 19 requests: the 95th percentile is the 19th (18.05 rounded up), the slowest.
    assertThat(LatencyBins.p95(bins(0, 18, 7, 1), LIMIT, 990)).isCloseTo(1000, within(1e-9));
  }

  @Test
  void beyondTheLastBoundThePeakIsTheSlowestRequest() {
    // 94 fast, 6 beyond 10 x the limit, the slowest at 20 s: the 95th is a sixth of the way to it.
    assertThat(LatencyBins.p95(bins(0, 94, 15, 6), LIMIT, 20_000)).isCloseTo(10_000 + 10_000.0 / 6, within(1e-9));
    assertThat(LatencyBins.p95(bins(15, 10), LIMIT, 0)).isEqualTo(10_000);
  }

  @Test
  void aboveCountsTheBinsBeyondTheHysteresisLine() {
    long[] bins = bins(0, 100, 5, 7, 6, 11, 7, 13, 8, 17, 15, 19);

    // 0.9 is a bound: bins 6.. hold latencies above 900 ms.
    assertThat(LatencyBins.above(bins, 0.9)).isEqualTo(11 + 13 + 17 + 19);
    assertThat(LatencyBins.above(bins, 1.0)).isEqualTo(17 + 19);
    assertThat(LatencyBins.above(bins, 10)).isEqualTo(19);
  }

  @Test
  void aboveALineBetweenBoundsCountsFromTheBoundBelowIt() {
    long[] bins = bins(0, 100, 4, 3, 5, 7, 6, 11);

    // 0.88 lies in (0.85, 0.9]: counted from 0.85, the line never above where it was asked.
    assertThat(LatencyBins.above(bins, 0.88)).isEqualTo(7 + 11);
    // Below every bound: every request counts.
    assertThat(LatencyBins.above(bins, 0.4)).isEqualTo(100 + 3 + 7 + 11);
  }
}
