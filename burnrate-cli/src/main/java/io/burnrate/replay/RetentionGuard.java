package io.burnrate.replay;

import io.burnrate.schema.BillingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a replay before it writes a record the topic would delete (or the broker refuse) because of
 * its old timestamp. A topic deletes records by their timestamp: replayed with {@code usage_end} as
 * the record timestamp, a bill older than the topic's {@code retention.ms} is deleted as soon as its
 * segment rolls, often before the pipeline reads it; one older than
 * {@code message.timestamp.before.max.ms} is refused outright.
 *
 * @param topic the topic written to
 * @param setting the topic setting that limits the age ({@code retention.ms} or {@code message.timestamp.before.max.ms})
 * @param settingMs that setting's value
 * @param oldestSafeMs the oldest record timestamp the replay writes; {@code Long.MIN_VALUE} for no limit
 */
public record RetentionGuard(String topic, String setting, long settingMs, long oldestSafeMs) {
  public static final String RETENTION_MS = "retention.ms";
  public static final String TIMESTAMP_TYPE = "message.timestamp.type";
  public static final String BEFORE_MAX_MS = "message.timestamp.before.max.ms";

  /** No limit, for any topic. */
  public static final RetentionGuard NONE = new RetentionGuard("", null, -1, Long.MIN_VALUE);

  /** Room left for the time between sending and the pipeline reading, with retention counted from now. */
  static final Duration MARGIN = Duration.ofHours(1);

  /** No limit: the topic keeps records of any timestamp (or stamps them itself). */
  public static RetentionGuard none(String topic) {
    return new RetentionGuard(topic, null, -1, Long.MIN_VALUE);
  }

  /**
   * The limit for records stamped with their {@code usage_end}, from the topic's configuration.
   *
   * @param topicConfig the topic's settings, e.g. {@code retention.ms=604800000}
   * @param nowMs the time of the replay
   */
  public static RetentionGuard of(String topic, Map<String, String> topicConfig, long nowMs) {
    if ("LogAppendTime".equalsIgnoreCase(topicConfig.getOrDefault(TIMESTAMP_TYPE, "CreateTime"))) {
      return none(topic);
    }
    long retention = number(topicConfig.get(RETENTION_MS));
    long beforeMax = number(topicConfig.get(BEFORE_MAX_MS));
    RetentionGuard guard = none(topic);
    if (retention > 0) {
      guard = new RetentionGuard(topic, RETENTION_MS, retention, nowMs - retention + MARGIN.toMillis());
    }
    if (beforeMax > 0 && beforeMax < Long.MAX_VALUE && nowMs - beforeMax > guard.oldestSafeMs) {
      guard = new RetentionGuard(topic, BEFORE_MAX_MS, beforeMax, nowMs - beforeMax + MARGIN.toMillis());
    }
    return guard;
  }

  public boolean limited() {
    return oldestSafeMs != Long.MIN_VALUE;
  }

  public boolean allows(long recordTimestampMs) {
    return recordTimestampMs >= oldestSafeMs;
  }

  /** Why {@code event} may not be sent as it is, and the two ways out. */
  public String refusal(BillingEvent event, String origin) {
    String consequence = RETENTION_MS.equals(setting)
        ? "it would be deleted, often before the pipeline reads it"
        : "the broker would refuse it";
    return origin + ": usage_end " + event.getUsageEnd() + " is older than " + topic + " accepts as a record timestamp ("
        + setting + "=" + settingMs + ", " + Duration.ofMillis(settingMs).toHours() + " h, less "
        + MARGIN.toMinutes() + " min of margin): " + consequence + ". Raise " + setting + " of " + topic
        + " for the replay (kafka-configs.sh --alter --entity-type topics --entity-name " + topic + " --add-config "
        + setting + "=" + (RETENTION_MS.equals(setting) ? "-1" : String.valueOf(Long.MAX_VALUE))
        + "), or replay with --record-time now (the pipeline's event time stays usage_end)";
  }

  /**
   * Reads the topic's settings from the cluster and builds the limit from them. Without the right to
   * read them, warns and sets no limit.
   *
   * @throws ReplayFailedException when the topic does not exist or the cluster does not answer
   */
  public static RetentionGuard describe(Admin admin, String topic, long nowMs, Duration timeout) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Config config = admin.describeConfigs(List.of(resource)).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
      Map<String, String> settings = new HashMap<>();
      config.entries().forEach(entry -> settings.put(entry.name(), entry.value()));
      return of(topic, settings, nowMs);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new ReplayFailedException("topic " + topic + " does not exist; create the contract's topics first"
            + " (burnrate local creates them)", e.getCause());
      }
      if (e.getCause() instanceof AuthorizationException) {
        Log.LOG.warn("cannot read the settings of {} ({}); not checking that it keeps old record timestamps",
            topic, e.getCause().getMessage());
        return none(topic);
      }
      throw new ReplayFailedException("cannot read the settings of topic " + topic + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ReplayFailedException("no answer from Kafka within " + timeout.toSeconds() + " s while reading the"
          + " settings of topic " + topic + "; check --bootstrap-servers", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayFailedException("interrupted while reading the settings of topic " + topic, e);
    }
  }

  /** The logger, apart from the record's components. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(RetentionGuard.class);
  }

  private static long number(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return limited() ? topic + " keeps records stamped after " + Instant.ofEpochMilli(oldestSafeMs) + " (" + setting
        + "=" + settingMs + ")" : topic + " keeps records of any timestamp";
  }
}
