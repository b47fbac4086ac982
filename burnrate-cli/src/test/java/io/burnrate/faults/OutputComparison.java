package io.burnrate.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/**
 * The comparison of Apache Kafka's exactly-once system tests: the committed outputs of a run with faults
 * against those of a fault-free run of the same input. Same alert_id/status pairs, each once; same
 * command ids, each once; the same records field by field; the same final metrics per endpoint-hour.
 */
final class OutputComparison {
  private OutputComparison() {}

  /** The fault-free run itself must be worth comparing with: alerts of both kinds, commands, every hour. */
  static void assertMeaningful(RunOutputs reference, FaultDay day) {
    assertThat(reference.alerts()).as("reference alerts").hasSizeGreaterThanOrEqualTo(20)
        .anyMatch(a -> a.getStatus() == AlertStatus.FIRING)
        .anyMatch(a -> a.getStatus() == AlertStatus.RESOLVED);
    assertThat(reference.commands()).as("reference commands").hasSizeGreaterThanOrEqualTo(day.endpoints().size());
    assertThat(reference.finalMetrics()).as("reference endpoint-hours")
        .hasSizeGreaterThanOrEqualTo(24 * day.endpoints().size());
    assertThat(reference.alertIdsAndStatus()).as("reference alert_id/status pairs").doesNotHaveDuplicates();
    assertThat(reference.commandIds()).as("reference command ids").doesNotHaveDuplicates();
    assertThat(reference.deadLetters()).as("reference dead letters").isZero();
  }

  static void assertSameCommittedOutputs(RunOutputs actual, RunOutputs reference) {
    SoftAssertions.assertSoftly(softly -> {
      softly.assertThat(actual.alertIdsAndStatus()).as("alert_id/status pairs, none twice").doesNotHaveDuplicates();
      softly.assertThat(actual.alertIdsAndStatus()).as("alert_id/status pairs, none missing or extra")
          .containsExactlyInAnyOrderElementsOf(reference.alertIdsAndStatus());
      softly.assertThat(actual.alerts()).as("alerts field by field")
          .containsExactlyInAnyOrderElementsOf(reference.alerts());
      softly.assertThat(actual.commandIds()).as("command ids, none twice").doesNotHaveDuplicates();
      softly.assertThat(actual.commandIds()).as("command ids, none missing or extra")
          .containsExactlyInAnyOrderElementsOf(reference.commandIds());
      softly.assertThat(actual.commands()).as("commands field by field")
          .containsExactlyInAnyOrderElementsOf(reference.commands());
      softly.assertThat(actual.deadLetters()).as("dead letters").isZero();

      Map<String, Map<String, Object>> actualMetrics = actual.finalMetrics();
      Map<String, Map<String, Object>> referenceMetrics = reference.finalMetrics();
      softly.assertThat(actualMetrics.keySet()).as("endpoint-hours with metrics").isEqualTo(referenceMetrics.keySet());
      List<String> differing = new ArrayList<>();
      referenceMetrics.forEach((hour, metrics) -> {
        if (!metrics.equals(actualMetrics.get(hour))) {
          differing.add(hour + "\n  with faults: " + actualMetrics.get(hour) + "\n  fault-free:  " + metrics);
        }
      });
      softly.assertThat(differing).as("final cost.metrics.hourly per endpoint-hour").isEmpty();
    });
  }
}
