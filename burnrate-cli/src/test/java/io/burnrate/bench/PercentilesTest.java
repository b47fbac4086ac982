package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOverAHundredSamples() {
    List<Long> samples = new ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      samples.add(i * 10);
    }
    Collections.shuffle(samples, new java.util.Random(7));

    assertThat(Percentiles.of(samples)).isEqualTo(new Percentiles(100, 500, 950, 990, 1000));
  }

  @Test
  void aSingleSampleIsEveryPercentile() {
    assertThat(Percentiles.of(List.of(250L))).isEqualTo(new Percentiles(1, 250, 250, 250, 250));
  }

  @Test
  void fewSamplesRoundTheRankUp() {
    // 3 samples: p50 is the 2nd (ceil 1.5), p95 and p99 the 3rd.
    assertThat(Percentiles.of(List.of(30L, 10L, 20L))).isEqualTo(new Percentiles(3, 20, 30, 30, 30));
  }

  @Test
  void noSamplesAreReportedAsZeroCount() {
    assertThat(Percentiles.of(List.of()).count()).isZero();
  }
}
