package io.burnrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The minute buckets behave as the sorted map they replace: ascending, one bucket per start. */
class MinuteBucketsTest {
  private static final long T = Fixtures.at("2025-06-02T10:00:00Z");
  private static final long MIN = Fixtures.MINUTE;

  @Test
  void bucketsCreatedOutOfOrderAreKeptInAscendingOrderOncePerMinute() {
    MinuteBuckets minutes = new MinuteBuckets();
    MinuteBucket third = minutes.getOrCreate(T + 2 * MIN);
    MinuteBucket first = minutes.getOrCreate(T);
    MinuteBucket second = minutes.getOrCreate(T + MIN);

    assertThat(minutes.getOrCreate(T + MIN)).isSameAs(second);
    assertThat(minutes.getOrCreate(T + 2 * MIN)).isSameAs(third);
    assertThat(minutes.values()).containsExactly(first, second, third);
    assertThat(minutes.get(T + 3 * MIN)).isNull();
    assertThat(minutes.size()).isEqualTo(3);
  }

  @Test
  void removeBeforeDropsOnlyOlderMinutes() {
    MinuteBuckets minutes = new MinuteBuckets();
    for (int m = 0; m < 70; m++) {
      minutes.getOrCreate(T + m * MIN);
    }

    minutes.removeBefore(T + 5 * MIN + 1);

    assertThat(minutes.size()).isEqualTo(64);
    assertThat(minutes.at(0).minuteStart).isEqualTo(T + 6 * MIN);
    assertThat(minutes.firstIndexAtOrAfter(T)).isZero();
    assertThat(minutes.firstIndexAtOrAfter(T + 6 * MIN + 1)).isEqualTo(1);
    assertThat(minutes.firstIndexAtOrAfter(T + 70 * MIN)).isEqualTo(64);
    minutes.removeBefore(T + 100 * MIN);
    assertThat(minutes.isEmpty()).isTrue();
  }

  @Test
  void putReplacesTheBucketOfTheSameMinuteAndRejectsAMismatchedKey() {
    MinuteBuckets minutes = new MinuteBuckets();
    minutes.getOrCreate(T);
    MinuteBucket replacement = new MinuteBucket(T);
    minutes.put(T, replacement);

    assertThat(minutes.values()).containsExactly(replacement);
    assertThatThrownBy(() -> minutes.put(T + MIN, new MinuteBucket(T)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(T + MIN));
  }

  @Test
  void randomInsertsAndRemovalsMatchATreeMap() {
    Random random = new Random(11);
    MinuteBuckets minutes = new MinuteBuckets();
    TreeMap<Long, MinuteBucket> expected = new TreeMap<>();
    for (int step = 0; step < 5_000; step++) {
      long minute = T + random.nextInt(200) * MIN;
      if (random.nextInt(10) == 0) {
        minutes.removeBefore(minute);
        expected.headMap(minute).clear();
      } else {
        MinuteBucket bucket = minutes.getOrCreate(minute);
        assertThat(expected.computeIfAbsent(minute, m -> bucket)).isSameAs(bucket);
      }
      assertThat(minutes.size()).isEqualTo(expected.size());
    }
    assertThat(minutes.values()).containsExactlyElementsOf(List.copyOf(expected.values()));
  }
}
