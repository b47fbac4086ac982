package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CompletionWatcherTest {
  private static final TopicPartition A0 = new TopicPartition("a", 0);
  private static final TopicPartition A1 = new TopicPartition("a", 1);
  private static final TopicPartition B0 = new TopicPartition("b", 0);

  @Test
  void doneOnlyWhenEveryNonEmptyPartitionIsCommittedToItsEnd() {
    Map<TopicPartition, Long> ends = Map.of(A0, 10L, A1, 5L, B0, 0L);

    assertThat(CompletionWatcher.reachedEnd(Map.of(A0, 10L, A1, 5L), ends)).isTrue();
    assertThat(CompletionWatcher.reachedEnd(Map.of(A0, 10L, A1, 4L), ends)).isFalse();
    assertThat(CompletionWatcher.reachedEnd(Map.of(A0, 10L), ends)).as("a partition never committed").isFalse();
    assertThat(CompletionWatcher.reachedEnd(Map.of(), Map.of(B0, 0L))).as("an empty input").isTrue();
  }

  @Test
  void consumedCountsCommittedRecordsUpToEachEnd() {
    Map<TopicPartition, Long> ends = Map.of(A0, 10L, A1, 5L);

    assertThat(CompletionWatcher.consumed(Map.of(A0, 4L), ends)).isEqualTo(4);
    assertThat(CompletionWatcher.consumed(Map.of(A0, 12L, A1, 5L), ends)).isEqualTo(15);
  }
}
