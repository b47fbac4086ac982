package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BrokerBacklogTest {
  private static final TopicPartition REQUESTS_0 = new TopicPartition("inference.requests", 0);

  private final BrokerBacklog backlog = new BrokerBacklog(List.of("inference.requests"));

  @Test
  void aPartitionEndingBeyondTheLastRecordReadHasUnreadRecords() {
    backlog.update(Map.of(REQUESTS_0, 100L), Map.of());

    assertThat(backlog.hasUnread("inference.requests", 0, 50)).isTrue();
    assertThat(backlog.hasUnread("inference.requests", 0, 99)).as("read to the end").isFalse();
    assertThat(backlog.hasUnread("inference.requests", 0, 98)).as("the marker of a transaction").isFalse();
    assertThat(backlog.hasUnread("inference.requests", 0, 97)).isTrue();
  }

  @Test
  void beforeTheFirstRecordIsReadTheCommittedOffsetIsWhereReadingStarts() {
    backlog.update(Map.of(REQUESTS_0, 100L), Map.of(REQUESTS_0, 100L));
    assertThat(backlog.hasUnread("inference.requests", 0, FetchedProgress.NOTHING_READ)).isFalse();

    backlog.update(Map.of(REQUESTS_0, 100L), Map.of(REQUESTS_0, 40L));
    assertThat(backlog.hasUnread("inference.requests", 0, FetchedProgress.NOTHING_READ)).isTrue();

    backlog.update(Map.of(REQUESTS_0, 100L), Map.of());
    assertThat(backlog.hasUnread("inference.requests", 0, FetchedProgress.NOTHING_READ))
        .as("nothing committed, nothing read: unknown").isFalse();
  }

  @Test
  void whatIsNotKnownIsNotBehind() {
    assertThat(backlog.hasUnread("inference.requests", 0, 5)).isFalse();
    backlog.update(Map.of(REQUESTS_0, 100L), Map.of());
    backlog.forget();
    assertThat(backlog.hasUnread("inference.requests", 0, 5)).isFalse();
    assertThat(backlog.hasUnread("inference.requests", 1, 5)).as("another partition").isFalse();
  }
}
