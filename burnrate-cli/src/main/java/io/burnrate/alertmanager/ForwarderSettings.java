package io.burnrate.alertmanager;

import java.time.Duration;
import java.util.Objects;

/**
 * How the bridge runs.
 *
 * @param alertmanagerUrl Alertmanager's base address, e.g. {@code http://127.0.0.1:9093}
 * @param groupId the consumer group on {@code cost.alerts}
 * @param repostInterval how often the active alerts are posted again: well within Alertmanager's
 *     {@code resolve_timeout} (5 minutes by default), after which it resolves an alert not re-sent
 * @param backoff retries of a post that found Alertmanager unreachable or failing
 * @param requestTimeout how long one HTTP request may take
 */
public record ForwarderSettings(
    String alertmanagerUrl, String groupId, Duration repostInterval, Backoff backoff, Duration requestTimeout) {

  public static final String DEFAULT_GROUP_ID = "burnrate-alert-forwarder";
  public static final Duration DEFAULT_REPOST_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public ForwarderSettings {
    AlertmanagerClient.checkUrl(alertmanagerUrl);
    Objects.requireNonNull(backoff, "backoff");
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("the consumer group id is empty; the default is " + DEFAULT_GROUP_ID);
    }
    if (repostInterval == null || repostInterval.isNegative() || repostInterval.isZero()) {
      throw new IllegalArgumentException("the repost interval must be positive, got " + repostInterval);
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive, got " + requestTimeout);
    }
  }

  /** The defaults, for this Alertmanager. */
  public static ForwarderSettings defaults(String alertmanagerUrl) {
    return new ForwarderSettings(alertmanagerUrl, DEFAULT_GROUP_ID, DEFAULT_REPOST_INTERVAL, Backoff.DEFAULT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  public ForwarderSettings withGroupId(String id) {
    return new ForwarderSettings(alertmanagerUrl, id, repostInterval, backoff, requestTimeout);
  }

  public ForwarderSettings withRepostInterval(Duration interval) {
    return new ForwarderSettings(alertmanagerUrl, groupId, interval, backoff, requestTimeout);
  }

  public ForwarderSettings withBackoff(Backoff retries) {
    return new ForwarderSettings(alertmanagerUrl, groupId, repostInterval, retries, requestTimeout);
  }

  public ForwarderSettings withRequestTimeout(Duration timeout) {
    return new ForwarderSettings(alertmanagerUrl, groupId, repostInterval, backoff, timeout);
  }
}
