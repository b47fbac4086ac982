package io.burnrate.alertmanager;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One element of the JSON array that Alertmanager's {@code POST /api/v2/alerts} takes. Alertmanager
 * identifies an alert by its labels; {@code endsAt} absent means "active until not re-sent within
 * {@code resolve_timeout}".
 *
 * @param labels identity of the alert, never empty
 * @param annotations information for people
 * @param startsAt when it began, or null to let Alertmanager use the time of receipt
 * @param endsAt when it ended, or null while it is active
 */
public record AlertmanagerAlert(
    Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {

  public AlertmanagerAlert {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(annotations, "annotations");
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("an Alertmanager alert needs at least one label");
    }
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** The JSON object, RFC 3339 times in UTC, absent times left out. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("labels", new java.util.TreeMap<>(labels));
    json.put("annotations", new java.util.TreeMap<>(annotations));
    if (startsAt != null) {
      json.put("startsAt", startsAt.toString());
    }
    if (endsAt != null) {
      json.put("endsAt", endsAt.toString());
    }
    return json;
  }
}
