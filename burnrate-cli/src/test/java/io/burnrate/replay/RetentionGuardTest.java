package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionGuardTest {
  private static final long NOW = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();
  private static final long WEEK = Duration.ofDays(7).toMillis();
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void aWeekOfRetentionKeepsRecordsStampedWithinItLessAnHourOfMargin() {
    RetentionGuard guard = RetentionGuard.of("billing.events", Map.of("retention.ms", String.valueOf(WEEK)), NOW);

    assertThat(guard.limited()).isTrue();
    assertThat(guard.allows(NOW - WEEK + HOUR)).isTrue();
    assertThat(guard.allows(NOW - WEEK + HOUR - 1)).isFalse();
    assertThat(guard.setting()).isEqualTo("retention.ms");
  }

  @Test
  void noLimitWithInfiniteRetentionOrBrokerTimestamps() {
    assertThat(RetentionGuard.of("t", Map.of("retention.ms", "-1"), NOW).limited()).isFalse();
    assertThat(RetentionGuard.of("t", Map.of("retention.ms", String.valueOf(WEEK),
        "message.timestamp.type", "LogAppendTime"), NOW).limited()).isFalse();
    assertThat(RetentionGuard.of("t", Map.of(), NOW).limited()).isFalse();
    assertThat(RetentionGuard.NONE.allows(0)).isTrue();
  }

  @Test
  void theStricterOfRetentionAndTheBrokersTimestampLimitApplies() {
    RetentionGuard guard = RetentionGuard.of("t", Map.of("retention.ms", "-1",
        "message.timestamp.before.max.ms", String.valueOf(2 * WEEK)), NOW);

    assertThat(guard.setting()).isEqualTo("message.timestamp.before.max.ms");
    assertThat(guard.allows(NOW - 2 * WEEK)).isFalse();
    assertThat(guard.allows(NOW - WEEK)).isTrue();
    assertThat(RetentionGuard.of("t", Map.of("retention.ms", String.valueOf(WEEK),
        "message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE)), NOW).setting()).isEqualTo("retention.ms");
  }
}
