package io.burnrate.alertmanager;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Severity;
import java.time.Duration;
import java.time.Instant;

/** CostAlert records with sensible defaults, so each test states only what matters to it. */
final class TestAlerts {
  static final Instant DETECTED = Instant.parse("2026-03-02T10:15:00Z");

  private TestAlerts() {}

  /** A DAILY_BUDGET_120 breach of {@code endpoint}, FIRING at {@link #DETECTED}. */
  static CostAlert firing(String alertId, String endpoint) {
    return CostAlert.newBuilder()
        .setAlertId(alertId)
        .setEndpointId(endpoint)
        .setRule(AlertRule.DAILY_BUDGET_120)
        .setSeverity(Severity.WARNING)
        .setStatus(AlertStatus.FIRING)
        .setWindowStart(Instant.parse("2026-03-02T00:00:00Z"))
        .setWindowEnd(Instant.parse("2026-03-03T00:00:00Z"))
        .setObserved(300.0)
        .setThreshold(288.0)
        .setBaseline(null)
        .setUnit("USD")
        .setMessage(endpoint + " spent $300.00 today, 125% of its $240.00 budget")
        .setDetectedAt(DETECTED)
        .setOwner("team-" + endpoint)
        .setRegion("us-east-1")
        .setInstanceType("nvidia-l4")
        .build();
  }

  /** The same alert RESOLVED {@code after} its detection. */
  static CostAlert resolved(CostAlert firing, Duration after) {
    return CostAlert.newBuilder(firing)
        .setStatus(AlertStatus.RESOLVED)
        .setMessage(firing.getEndpointId() + " is back under its budget")
        .setDetectedAt(firing.getDetectedAt().plus(after))
        .build();
  }
}
