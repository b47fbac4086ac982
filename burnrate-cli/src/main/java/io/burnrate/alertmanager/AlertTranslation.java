package io.burnrate.alertmanager;

import io.burnrate.rules.AlertFigures;
import io.burnrate.schema.CostAlert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code cost.alerts} record as Alertmanager sees it. The labels (rule as {@code alertname},
 * endpoint, severity, alert id, owner) are the same for FIRING and RESOLVED, so Alertmanager matches
 * the resolution to the alert it resolves; the alert id keeps two breaches of one rule apart. The
 * annotations {@code observed}, {@code threshold} and {@code baseline} are figures for a person, with
 * their unit ({@link AlertFigures}: a ratio as a percentage, observed and threshold told apart);
 * {@code unit} is the record's own.
 */
public final class AlertTranslation {
  public static final String ALERTNAME = "alertname";
  public static final String ENDPOINT = "endpoint";
  public static final String SEVERITY = "severity";
  public static final String ALERT_ID = "alert_id";
  public static final String OWNER = "owner";
  public static final String SUMMARY = "summary";
  public static final String OBSERVED = "observed";
  public static final String THRESHOLD = "threshold";
  public static final String BASELINE = "baseline";
  public static final String UNIT = "unit";

  private AlertTranslation() {}

  /** An active alert that started when the breach was detected. */
  public static AlertmanagerAlert firing(CostAlert alert) {
    return new AlertmanagerAlert(labels(alert), annotations(alert), alert.getDetectedAt(), null);
  }

  /**
   * The end of an alert: {@code endsAt} is when it cleared ({@code detected_at}), but never later than
   * {@code now}, since an end in the future would keep Alertmanager showing it active until then
   * (event time may run a little ahead of the wall clock).
   *
   * @param resolved the RESOLVED record
   * @param firing the FIRING record it ends, if this bridge knows it (for the start), else null
   */
  public static AlertmanagerAlert resolved(CostAlert resolved, CostAlert firing, Instant now) {
    Instant endsAt = earlier(resolved.getDetectedAt(), now);
    Instant startsAt = firing == null ? endsAt : earlier(firing.getDetectedAt(), endsAt);
    CostAlert described = firing == null ? resolved : firing;
    Map<String, String> annotations = annotations(described);
    annotations.put(SUMMARY, resolved.getMessage());
    return new AlertmanagerAlert(labels(resolved), annotations, startsAt, endsAt);
  }

  static Map<String, String> labels(CostAlert alert) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ALERTNAME, alert.getRule().name());
    labels.put(ENDPOINT, alert.getEndpointId());
    labels.put(SEVERITY, alert.getSeverity().name());
    labels.put(ALERT_ID, alert.getAlertId());
    if (alert.getOwner() != null && !alert.getOwner().isBlank()) {
      labels.put(OWNER, alert.getOwner());
    }
    return labels;
  }

  private static Map<String, String> annotations(CostAlert alert) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SUMMARY, alert.getMessage());
    annotations.put(OBSERVED, AlertFigures.value(alert.getObserved(), alert.getUnit(), alert.getThreshold()));
    annotations.put(THRESHOLD, AlertFigures.value(alert.getThreshold(), alert.getUnit(), alert.getObserved()));
    String baseline = AlertFigures.baseline(alert);
    if (baseline != null) {
      annotations.put(BASELINE, baseline);
    }
    annotations.put(UNIT, alert.getUnit());
    return annotations;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
