package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.groups.Tuple.tuple;

import io.burnrate.core.Ids;
import io.burnrate.meter.PriceTable;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * REGIONAL_COST_VARIANCE: per instance type and closed hour, a region's cost per instance-hour at
 * base rates (divided by its multiplier) more than 30 % above the cheapest region's.
 */
class RegionalCostVarianceTest {
  private static final long HOUR = 3_600_000L;
  private static final long MINUTE = 60_000L;
  private static final long H10 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  private static final long SETTLE = 11 * MINUTE;
  private static final long REVISIONS = 48 * HOUR;
  private static final PriceTable PRICES = new PriceTable(Map.of("nvidia-l4", 1.0),
      Map.of("us-east-1", 1.0, "eu-west-1", 1.25, "ap-southeast-1", 1.4));

  private final RegionalCostVariance rule = new RegionalCostVariance(PRICES, SETTLE, REVISIONS);

  /** An endpoint that ran one replica all hour and paid {@code usdPerHour} for it. */
  private static EndpointHour ran(String endpoint, String region, double usdPerHour) {
    return ran(endpoint, region, usdPerHour, 0.30);
  }

  private static EndpointHour ran(String endpoint, String region, double usdPerHour, double threshold) {
    return new EndpointHour(endpoint, H10, "nvidia-l4", region, "team-" + endpoint,
        Math.round(usdPerHour * 1_000_000), HOUR, threshold);
  }

  private static List<String> offenders(List<RegionalCostVariance.Variance> variances) {
    return variances.stream().map(v -> v.endpoint().endpointId()).toList();
  }

  // ---- the comparison ----

  @Test
  void aRegionMoreThanThirtyPercentAboveTheCheapestAtBaseRatesIsAVariance() {
    List<RegionalCostVariance.Variance> variances =
        rule.compare(List.of(ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 2.00)));

    assertThat(variances).singleElement().satisfies(v -> {
      assertThat(v.endpoint().endpointId()).isEqualTo("eu");
      assertThat(v.excess()).isCloseTo(0.60, offset(1e-9));
      assertThat(v.usdPerInstanceHour()).isCloseTo(2.00, offset(1e-9));
      assertThat(v.baseUsdPerInstanceHour()).isCloseTo(1.60, offset(1e-9));
      assertThat(v.multiplier()).isEqualTo(1.25);
      assertThat(v.referenceRegion()).isEqualTo("us-east-1");
      assertThat(v.referenceBaseUsdPerInstanceHour()).isCloseTo(1.00, offset(1e-9));
    });
  }

  @Test
  void exactlyAtTheThresholdDoesNotFireAndOneMicroDollarAboveDoes() {
    // $1.625 / 1.25 = $1.30: exactly 30 % above $1.00 at base rates.
    assertThat(rule.compare(List.of(ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 1.625)))).isEmpty();
    assertThat(offenders(rule.compare(List.of(ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 1.625001)))))
        .containsExactly("eu");
  }

  @Test
  void belowTheThresholdNothingFires() {
    assertThat(rule.compare(List.of(ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 1.50)))).isEmpty();
  }

  @Test
  void theRegionalMultipliersAreTakenOutBeforeComparing() {
    List<EndpointHour> listPrices = List.of(ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 1.25),
        ran("ap", "ap-southeast-1", 1.40));
    assertThat(rule.compare(listPrices)).isEmpty();

    RegionalCostVariance withoutMultipliers =
        new RegionalCostVariance(new PriceTable(Map.of(), Map.of()), SETTLE, REVISIONS);
    assertThat(offenders(withoutMultipliers.compare(listPrices))).containsExactly("ap");
  }

  @Test
  void oneRegionAloneHasNothingToCompareWith() {
    assertThat(rule.compare(List.of(ran("a", "eu-west-1", 1.00), ran("b", "eu-west-1", 9.00)))).isEmpty();
    assertThat(rule.compare(List.of(ran("a", "eu-west-1", 9.00)))).isEmpty();
    assertThat(rule.compare(List.of())).isEmpty();
  }

  @Test
  void endpointsWithoutReplicaTimeOrComputeSpendAreLeftOut() {
    EndpointHour noBillYet = new EndpointHour("free", H10, "nvidia-l4", "us-east-1", null, 0, HOUR, 0.30);
    EndpointHour neverReady = new EndpointHour("starting", H10, "nvidia-l4", "ap-southeast-1", null, 5_000_000, 0, 0.30);

    assertThat(rule.compare(List.of(noBillYet, neverReady, ran("eu", "eu-west-1", 2.00)))).isEmpty();
    assertThat(offenders(rule.compare(List.of(noBillYet, ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 2.00)))))
        .containsExactly("eu");
  }

  @Test
  void aRegionIsJudgedOnItsEndpointsTogetherAndEachOfThemIsAlerted() {
    // eu-west-1: $1.00 + $3.00 over two instance-hours = $2.00 an hour, $1.60 at base rates.
    List<EndpointHour> hour = List.of(ran("us", "us-east-1", 1.00), ran("eu-b", "eu-west-1", 3.00),
        ran("eu-a", "eu-west-1", 1.00));
    assertThat(offenders(rule.compare(hour))).containsExactly("eu-a", "eu-b");

    // Half an hour at $1.00 costs $0.50: the same rate as a full hour.
    EndpointHour halfHour = new EndpointHour("us-half", H10, "nvidia-l4", "us-east-1", null, 500_000, HOUR / 2, 0.3);
    assertThat(rule.compare(List.of(halfHour, ran("eu", "eu-west-1", 1.25)))).isEmpty();
  }

  @Test
  void theReferenceIsTheCheapestRegionAndOnlyRegionsFarAboveItFire() {
    // At base rates: us $1.00, eu $1.20 (within 30 %), ap $1.50 (50 % above).
    List<EndpointHour> hour = List.of(ran("eu", "eu-west-1", 1.50), ran("ap", "ap-southeast-1", 2.10),
        ran("us", "us-east-1", 1.00));
    assertThat(rule.compare(hour)).singleElement().satisfies(v -> {
      assertThat(v.endpoint().endpointId()).isEqualTo("ap");
      assertThat(v.referenceRegion()).isEqualTo("us-east-1");
    });
  }

  @Test
  void eachEndpointIsJudgedAgainstItsOwnThreshold() {
    List<EndpointHour> hour = List.of(ran("us", "us-east-1", 1.00), ran("eu-strict", "eu-west-1", 2.00, 0.30),
        ran("eu-lenient", "eu-west-1", 2.00, 0.70), ran("eu-unset", "eu-west-1", 2.00, Double.NaN));
    assertThat(offenders(rule.compare(hour))).containsExactly("eu-strict");
  }

  @Test
  void theOrderOfTheFiguresDoesNotChangeTheAnswer() {
    List<EndpointHour> hour = new ArrayList<>(List.of(ran("us-1", "us-east-1", 1.00), ran("us-2", "us-east-1", 1.10),
        ran("eu-1", "eu-west-1", 2.00), ran("eu-2", "eu-west-1", 2.20), ran("ap-1", "ap-southeast-1", 2.50),
        ran("ap-2", "ap-southeast-1", 1.50)));
    List<RegionalCostVariance.Variance> expected = rule.compare(hour);
    assertThat(offenders(expected)).containsExactly("ap-1", "ap-2", "eu-1", "eu-2");
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(hour, random);
      assertThat(rule.compare(hour)).isEqualTo(expected);
    }
  }

  // ---- the lifecycle ----

  private RegionalHour hourWith(EndpointHour... figures) {
    RegionalHour hour = new RegionalHour("nvidia-l4", H10);
    for (EndpointHour f : figures) {
      assertThat(rule.onFigures(hour, f, H10 + HOUR + 5 * MINUTE)).isEmpty();
    }
    return hour;
  }

  @Test
  void anHourIsComparedOnceSettledAndItsAlertsResolveWhenTheNextHourHasSettled() {
    RegionalHour hour = hourWith(ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 2.00));
    long comparedAt = H10 + HOUR + SETTLE;

    assertThat(rule.onSettled(hour, comparedAt - 1)).isEmpty();
    List<CostAlert> firing = rule.onSettled(hour, comparedAt);
    assertThat(firing).singleElement().satisfies(a -> {
      assertThat(a.getAlertId()).isEqualTo(Ids.nameBased("eu", AlertRule.REGIONAL_COST_VARIANCE, H10));
      assertThat(a.getAlertId()).isEqualTo(RegionalCostVariance.alertId("eu", H10));
      assertThat(a.getEndpointId()).isEqualTo("eu");
      assertThat(a.getRule()).isEqualTo(AlertRule.REGIONAL_COST_VARIANCE);
      assertThat(a.getSeverity()).isEqualTo(Severity.INFO);
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getWindowStart()).isEqualTo(Instant.ofEpochMilli(H10));
      assertThat(a.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(H10 + HOUR));
      assertThat(a.getObserved()).isCloseTo(0.60, offset(1e-9));
      assertThat(a.getThreshold()).isEqualTo(0.30);
      assertThat(a.getBaseline()).isCloseTo(1.00, offset(1e-9));
      assertThat(a.getUnit()).isEqualTo("ratio");
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(comparedAt));
      assertThat(a.getOwner()).isEqualTo("team-eu");
      assertThat(a.getRegion()).isEqualTo("eu-west-1");
      assertThat(a.getInstanceType()).isEqualTo("nvidia-l4");
      assertThat(a.getMessage()).isEqualTo("eu paid $2.0000 per nvidia-l4 instance-hour in eu-west-1 in the hour"
          + " from 10:00 UTC, $1.6000 at base rates (region multiplier 1.25): 60% above us-east-1 at $1.0000"
          + " (limit 30%)");
    });
    assertThat(rule.onSettled(hour, comparedAt + HOUR - 1)).isEmpty();

    List<CostAlert> resolved = rule.onSettled(hour, comparedAt + HOUR);
    assertThat(resolved).singleElement().satisfies(a -> {
      assertThat(a.getAlertId()).isEqualTo(firing.get(0).getAlertId());
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(comparedAt + HOUR));
      assertThat(a.getThreshold()).isEqualTo(0.30);
      assertThat(a.getBaseline()).isEqualTo(firing.get(0).getBaseline());
      assertThat(a.getMessage()).isEqualTo("eu: the hour from 10:00 UTC is over");
    });
    assertThat(rule.onSettled(hour, comparedAt + 5 * HOUR)).isEmpty();
    assertThat(rule.forgotten(hour, H10 + HOUR + SETTLE + REVISIONS - 1)).isFalse();
    assertThat(rule.forgotten(hour, H10 + HOUR + SETTLE + REVISIONS)).isTrue();
  }

  @Test
  void settlingLateComparesAndResolvesInOneGo() {
    RegionalHour hour = hourWith(ran("us", "us-east-1", 1.00), ran("eu", "eu-west-1", 2.00));
    assertThat(rule.onSettled(hour, H10 + 10 * HOUR))
        .extracting(CostAlert::getStatus, a -> a.getDetectedAt().toEpochMilli())
        .containsExactly(
            tuple(AlertStatus.FIRING, H10 + HOUR + SETTLE),
            tuple(AlertStatus.RESOLVED, H10 + 2 * HOUR + SETTLE));
  }

  @Test
  void aRevisionAfterTheComparisonAlertsOnlyOnEndpointsNewlyAboveTheLine() {
    RegionalHour hour = hourWith(ran("us", "us-east-1", 1.00), ran("eu-1", "eu-west-1", 2.00),
        ran("ap", "ap-southeast-1", 1.40));
    long comparedAt = H10 + HOUR + SETTLE;
    assertThat(rule.onSettled(hour, comparedAt)).extracting(CostAlert::getEndpointId).containsExactly("eu-1");

    // A late bill raises ap-southeast-1 to $2.80 ($2.00 at base rates); eu-1 was alerted on already.
    long billAt = comparedAt + 20 * MINUTE;
    List<CostAlert> revised = rule.onFigures(hour, ran("ap", "ap-southeast-1", 2.80), billAt);
    assertThat(revised).singleElement().satisfies(a -> {
      assertThat(a.getEndpointId()).isEqualTo("ap");
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(billAt));
    });
    assertThat(rule.onFigures(hour, ran("ap", "ap-southeast-1", 2.90), billAt + MINUTE)).isEmpty();

    assertThat(rule.onSettled(hour, comparedAt + HOUR)).extracting(CostAlert::getEndpointId, CostAlert::getStatus)
        .containsExactly(tuple("ap", AlertStatus.RESOLVED),
            tuple("eu-1", AlertStatus.RESOLVED));

    // After the hour's alerts resolved, a newly found endpoint fires and resolves at once.
    long laterBill = comparedAt + 3 * HOUR;
    assertThat(rule.onFigures(hour, ran("eu-2", "eu-west-1", 2.50), laterBill))
        .extracting(CostAlert::getEndpointId, CostAlert::getStatus, a -> a.getDetectedAt().toEpochMilli())
        .containsExactly(tuple("eu-2", AlertStatus.FIRING, laterBill),
            tuple("eu-2", AlertStatus.RESOLVED, laterBill));
  }

  @Test
  void figuresOfAnotherHourOrTypeAreRefusedWithContext() {
    RegionalHour hour = new RegionalHour("nvidia-t4", H10);
    assertThatThrownBy(() -> rule.onFigures(hour, ran("eu", "eu-west-1", 2.00), H10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eu")
        .hasMessageContaining("nvidia-l4")
        .hasMessageContaining("nvidia-t4");
  }

  @Test
  void theSameFiguresInAnyOrderGiveTheSameAlerts() {
    List<EndpointHour> figures = new ArrayList<>(List.of(ran("us-1", "us-east-1", 1.00),
        ran("us-2", "us-east-1", 1.05), ran("eu-1", "eu-west-1", 2.00), ran("eu-2", "eu-west-1", 1.90),
        ran("ap-1", "ap-southeast-1", 3.00)));
    List<CostAlert> expected = null;
    Random random = new Random(7);
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(figures, random);
      RegionalHour hour = hourWith(figures.toArray(EndpointHour[]::new));
      List<CostAlert> alerts = rule.onSettled(hour, H10 + 5 * HOUR);
      if (expected == null) {
        expected = alerts;
        assertThat(alerts).extracting(CostAlert::getEndpointId)
            .containsExactly("ap-1", "eu-1", "eu-2", "ap-1", "eu-1", "eu-2");
      }
      assertThat(alerts).isEqualTo(expected);
    }
  }
}
