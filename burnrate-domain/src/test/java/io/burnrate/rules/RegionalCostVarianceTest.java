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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * REGIONAL_COST_VARIANCE: per instance type and closed hour, a region's cost per instance-hour at
 * base rates (divided by its multiplier) more than 30 % above the cheapest region's; one episode per
 * endpoint across the hours it lasts, announced at most once per endpoint and UTC day.
 */
class RegionalCostVarianceTest {
  private static final long HOUR = 3_600_000L;
  private static final long MINUTE = 60_000L;
  private static final long H10 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  private static final long SETTLE = 11 * MINUTE;
  private static final long REVISIONS = 48 * HOUR;
  private static final PriceTable PRICES = new PriceTable(Map.of("nvidia-l4", 1.0),
      Map.of("us-east-1", 1.0, "eu-west-1", 1.25, "ap-southeast-1", 1.4));

  private static final double HYSTERESIS = RegionalCostVariance.DEFAULT_HYSTERESIS;
  private static final String L4 = "nvidia-l4";

  private final RegionalCostVariance rule = new RegionalCostVariance(PRICES, SETTLE, REVISIONS, HYSTERESIS, 1);

  /** An endpoint that ran one replica all hour and paid {@code usdPerHour} for it. */
  private static EndpointHour ran(String endpoint, String region, double usdPerHour) {
    return ran(endpoint, region, usdPerHour, 0.30);
  }

  private static EndpointHour ran(String endpoint, String region, double usdPerHour, double threshold) {
    return new EndpointHour(endpoint, H10, L4, region, "team-" + endpoint,
        Math.round(usdPerHour * 1_000_000), HOUR, threshold);
  }

  /** The same figures in the hour starting at {@code hourStart}. */
  private static EndpointHour in(long hourStart, EndpointHour figures) {
    return new EndpointHour(figures.endpointId(), hourStart, figures.instanceType(), figures.region(),
        figures.owner(), figures.computeMicros(), figures.replicaMs(), figures.threshold());
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
        new RegionalCostVariance(new PriceTable(Map.of(), Map.of()), SETTLE, REVISIONS, HYSTERESIS, 1);
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

  @Test
  void theStandingOfEveryEndpointIsAboveHoldingOrClear() {
    // A region is judged as a whole: ($2.00 + $1.60) / 2 = $1.80, $1.44 at base rates, 44 % above us-east-1.
    List<RegionalCostVariance.Judged> judged = rule.judge(List.of(ran("us", "us-east-1", 1.00),
        ran("eu-above", "eu-west-1", 2.00), ran("eu-dip", "eu-west-1", 1.60)));
    assertThat(judged).extracting(j -> j.endpoint().endpointId(), RegionalCostVariance.Judged::standing)
        .containsExactly(tuple("eu-above", RegionalCostVariance.Standing.ABOVE),
            tuple("eu-dip", RegionalCostVariance.Standing.ABOVE), tuple("us", RegionalCostVariance.Standing.CLEAR));

    // Alone, at base rates against us-east-1's $1.00: 28 %, exactly 30 %, just above and exactly at 27 %
    // (the resolve line, threshold x (1 - 0.10)).
    assertThat(standing(ran("eu", "eu-west-1", 1.60))).isEqualTo(RegionalCostVariance.Standing.HOLDING);
    assertThat(standing(ran("eu", "eu-west-1", 1.625))).isEqualTo(RegionalCostVariance.Standing.HOLDING);
    assertThat(standing(ran("eu", "eu-west-1", 1.587501))).isEqualTo(RegionalCostVariance.Standing.HOLDING);
    assertThat(standing(ran("eu", "eu-west-1", 1.5875))).isEqualTo(RegionalCostVariance.Standing.CLEAR);
    assertThat(standing(ran("eu", "eu-west-1", 2.00, Double.NaN))).isEqualTo(RegionalCostVariance.Standing.CLEAR);
    assertThat(rule.judge(List.of(ran("eu", "eu-west-1", 9.00)))).extracting(RegionalCostVariance.Judged::standing)
        .containsExactly(RegionalCostVariance.Standing.CLEAR);
  }

  private RegionalCostVariance.Standing standing(EndpointHour eu) {
    return rule.judge(List.of(ran("us", "us-east-1", 1.00), eu)).stream()
        .filter(j -> j.endpoint().endpointId().equals(eu.endpointId())).findFirst().orElseThrow().standing();
  }

  @Test
  void theHysteresisAndTheClearHoursMustBeInRange() {
    assertThatThrownBy(() -> new RegionalCostVariance(PRICES, SETTLE, REVISIONS, 1.0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hysteresis 1.0");
    assertThatThrownBy(() -> new RegionalCostVariance(PRICES, SETTLE, REVISIONS, -0.1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hysteresis -0.1");
    assertThatThrownBy(() -> new RegionalCostVariance(PRICES, SETTLE, REVISIONS, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hysteresis NaN");
    assertThatThrownBy(() -> new RegionalCostVariance(PRICES, SETTLE, REVISIONS, 0.1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clear hours 0");
  }

  // ---- the lifecycle ----

  /**
   * Drives the rule as RegionalVarianceProcessor does: figures as they arrive, then on each settled
   * time the hours in the order of their start, then the episodes.
   */
  private static final class Run {
    final RegionalCostVariance rule;
    final TreeMap<Long, RegionalHour> hours = new TreeMap<>();
    final RegionalEpisodes episodes = RegionalEpisodes.inMemory();
    final List<CostAlert> alerts = new ArrayList<>();

    Run(RegionalCostVariance rule) {
      this.rule = rule;
    }

    List<CostAlert> figures(long at, EndpointHour... figures) {
      List<CostAlert> out = new ArrayList<>();
      for (EndpointHour f : figures) {
        RegionalHour hour = hours.computeIfAbsent(f.hourStart(), h -> new RegionalHour(L4, h));
        out.addAll(rule.onFigures(hour, f, at, episodes));
      }
      alerts.addAll(out);
      return out;
    }

    List<CostAlert> settle(long time) {
      List<CostAlert> out = new ArrayList<>();
      for (var it = hours.values().iterator(); it.hasNext(); ) {
        RegionalHour hour = it.next();
        out.addAll(rule.onSettled(hour, time, episodes));
        if (rule.forgotten(hour, time)) {
          it.remove();
        }
      }
      out.addAll(rule.settleEpisodes(episodes, time));
      alerts.addAll(out);
      return out;
    }

    /** The hour's figures arrive before it settles; returns what settling it emits. */
    List<CostAlert> hour(long hourStart, EndpointHour... figures) {
      EndpointHour[] shifted = new EndpointHour[figures.length];
      for (int i = 0; i < figures.length; i++) {
        shifted[i] = in(hourStart, figures[i]);
      }
      assertThat(figures(hourStart + HOUR + 5 * MINUTE, shifted)).isEmpty();
      return settle(rule.comparedAt(hourStart));
    }

    RegionalEpisode episode(String endpointId) {
      return episodes.get(L4, endpointId);
    }
  }

  private Run run() {
    return new Run(rule);
  }

  private static final EndpointHour US = ran("us", "us-east-1", 1.00);
  /** 60 % above us-east-1 at base rates. */
  private static final EndpointHour EU_ABOVE = ran("eu", "eu-west-1", 2.00);
  /** 28 %: under the 30 % threshold, above the 27 % resolve line. */
  private static final EndpointHour EU_DIP = ran("eu", "eu-west-1", 1.60);
  /** Exactly at the resolve line (27 %): clear. */
  private static final EndpointHour EU_AT_RESOLVE_LINE = ran("eu", "eu-west-1", 1.5875);
  /** As cheap as us-east-1 at base rates. */
  private static final EndpointHour EU_CLEAR = ran("eu", "eu-west-1", 1.25);

  /** Every FIRING reports more than its threshold, and each alert id has one FIRING, then one RESOLVED. */
  private static void assertWellFormed(List<CostAlert> alerts) {
    Map<String, List<AlertStatus>> byId = new LinkedHashMap<>();
    for (CostAlert a : alerts) {
      if (a.getStatus() == AlertStatus.FIRING) {
        assertThat(a.getObserved()).as("observed of %s", a.getMessage()).isGreaterThan(a.getThreshold());
      }
      byId.computeIfAbsent(a.getAlertId(), k -> new ArrayList<>()).add(a.getStatus());
    }
    assertThat(byId.values()).allSatisfy(statuses -> assertThat(statuses)
        .isIn(List.of(AlertStatus.FIRING), List.of(AlertStatus.FIRING, AlertStatus.RESOLVED)));
  }

  @Test
  void anHourIsComparedOnceSettledAndTheEpisodeResolvesAtTheFirstClearHour() {
    Run run = run();
    run.figures(H10 + HOUR + 5 * MINUTE, US, EU_ABOVE);
    long comparedAt = H10 + HOUR + SETTLE;

    assertThat(run.settle(comparedAt - 1)).isEmpty();
    List<CostAlert> firing = run.settle(comparedAt);
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
      assertThat(a.getObserved()).isGreaterThan(a.getThreshold());
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

    run.figures(H10 + 2 * HOUR + 5 * MINUTE, in(H10 + HOUR, US), in(H10 + HOUR, EU_CLEAR));
    assertThat(run.settle(comparedAt + HOUR - 1)).isEmpty();
    List<CostAlert> resolved = run.settle(comparedAt + HOUR);
    assertThat(resolved).singleElement().satisfies(a -> {
      assertThat(a.getAlertId()).isEqualTo(firing.get(0).getAlertId());
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getSeverity()).isEqualTo(Severity.INFO);
      assertThat(a.getWindowStart()).isEqualTo(Instant.ofEpochMilli(H10));
      assertThat(a.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(H10 + HOUR));
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(comparedAt + HOUR));
      assertThat(a.getThreshold()).isEqualTo(0.30);
      assertThat(a.getBaseline()).isEqualTo(firing.get(0).getBaseline());
      assertThat(a.getOwner()).isEqualTo("team-eu");
      assertThat(a.getRegion()).isEqualTo("eu-west-1");
      assertThat(a.getMessage()).isEqualTo("eu: the regional difference of 10:00-11:00 UTC is over (1 hour above the line)");
    });
    assertThat(run.settle(comparedAt + 5 * HOUR)).isEmpty();
    assertThat(run.episode("eu").open()).isFalse();
    RegionalHour hour = new RegionalHour(L4, H10);
    assertThat(rule.forgotten(hour, H10 + HOUR + SETTLE + REVISIONS - 1)).isFalse();
    assertThat(rule.forgotten(hour, H10 + HOUR + SETTLE + REVISIONS)).isTrue();
  }

  @Test
  void tenHoursInARowAboveTheLineAreOneEpisodeWithOneFiringAndOneResolved() {
    Run run = run();
    for (int h = 0; h < 10; h++) {
      List<CostAlert> alerts = run.hour(H10 + h * HOUR, US, EU_ABOVE);
      assertThat(alerts).as("hour %d", h).hasSize(h == 0 ? 1 : 0);
    }
    List<CostAlert> resolved = run.hour(H10 + 10 * HOUR, US, EU_CLEAR);

    assertThat(run.alerts)
        .extracting(CostAlert::getStatus, CostAlert::getAlertId, CostAlert::getWindowStart, CostAlert::getWindowEnd,
            a -> a.getDetectedAt().toEpochMilli())
        .containsExactly(
            tuple(AlertStatus.FIRING, RegionalCostVariance.alertId("eu", H10), Instant.ofEpochMilli(H10),
                Instant.ofEpochMilli(H10 + HOUR), rule.comparedAt(H10)),
            tuple(AlertStatus.RESOLVED, RegionalCostVariance.alertId("eu", H10), Instant.ofEpochMilli(H10),
                Instant.ofEpochMilli(H10 + 10 * HOUR), rule.comparedAt(H10 + 10 * HOUR)));
    assertThat(resolved).singleElement().extracting(CostAlert::getMessage)
        .isEqualTo("eu: the regional difference of 10:00-20:00 UTC is over (10 hours above the line)");
    assertWellFormed(run.alerts);
  }

  @Test
  void hoursSettledTogetherAfterAGapGiveTheSameAlertsAsHourByHour() {
    Run hourly = run();
    Run together = run();
    for (int h = 0; h < 10; h++) {
      hourly.hour(H10 + h * HOUR, US, EU_ABOVE);
      together.figures(H10 + (h + 1) * HOUR, in(H10 + h * HOUR, US), in(H10 + h * HOUR, EU_ABOVE));
    }
    hourly.hour(H10 + 10 * HOUR, US, EU_CLEAR);
    together.figures(H10 + 11 * HOUR, in(H10 + 10 * HOUR, US), in(H10 + 10 * HOUR, EU_CLEAR));
    together.settle(H10 + 20 * HOUR);

    assertThat(together.alerts).hasSize(2).isEqualTo(hourly.alerts);
  }

  @Test
  void aDipUnderTheThresholdButAboveTheResolveLineKeepsTheEpisodeOpenAndDoesNotFireAgain() {
    Run run = run();
    assertThat(run.hour(H10, US, EU_ABOVE)).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(run.hour(H10 + HOUR, US, EU_DIP)).isEmpty();
    // Exactly at the threshold is not above it: holding too.
    assertThat(run.hour(H10 + 2 * HOUR, US, ran("eu", "eu-west-1", 1.625))).isEmpty();
    assertThat(run.episode("eu").open()).isTrue();
    assertThat(run.hour(H10 + 3 * HOUR, US, EU_ABOVE)).as("back above the line: the same episode").isEmpty();
    assertThat(run.hour(H10 + 4 * HOUR, US, EU_DIP)).isEmpty();

    // Exactly at the resolve line is clear.
    assertThat(run.hour(H10 + 5 * HOUR, US, EU_AT_RESOLVE_LINE)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getAlertId()).isEqualTo(RegionalCostVariance.alertId("eu", H10));
      assertThat(a.getWindowStart()).isEqualTo(Instant.ofEpochMilli(H10));
      assertThat(a.getWindowEnd()).as("the end of the last hour above the line").isEqualTo(Instant.ofEpochMilli(H10 + 4 * HOUR));
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(rule.comparedAt(H10 + 5 * HOUR)));
      assertThat(a.getMessage()).isEqualTo("eu: the regional difference of 10:00-14:00 UTC is over (2 hours above the line)");
    });
    assertWellFormed(run.alerts);
  }

  @Test
  void aHoldingHourWithoutAnOpenEpisodeStartsNone() {
    Run run = run();
    assertThat(run.hour(H10, US, EU_DIP)).isEmpty();
    assertThat(run.hour(H10 + HOUR, US, ran("eu", "eu-west-1", 1.625))).isEmpty();
    assertThat(run.episode("eu")).isNull();
  }

  @Test
  void anHourWithoutComparableFiguresIsClear() {
    EndpointHour euNeverReady = new EndpointHour("eu", H10, L4, "eu-west-1", "team-eu", 2_000_000, 0, 0.30);
    for (EndpointHour[] clear : List.of(new EndpointHour[] {US, euNeverReady}, new EndpointHour[] {EU_ABOVE},
        new EndpointHour[] {US}, new EndpointHour[] {})) {
      Run run = run();
      run.hour(H10, US, EU_ABOVE);
      List<CostAlert> next = clear.length == 0
          ? run.settle(rule.comparedAt(H10 + HOUR)) // no figures of the instance type at all
          : run.hour(H10 + HOUR, clear);
      assertThat(next).as("%s", List.of(clear)).singleElement().satisfies(a -> {
        assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(rule.comparedAt(H10 + HOUR)));
      });
    }
  }

  @Test
  void adviceGoesOutOncePerEndpointAndUtcDay() {
    Run run = run();
    assertThat(run.hour(H10, US, EU_ABOVE)).extracting(CostAlert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(run.hour(H10 + HOUR, US, EU_CLEAR)).extracting(CostAlert::getStatus)
        .containsExactly(AlertStatus.RESOLVED);

    // A second episode the same UTC day is tracked, silently: no FIRING, and then no RESOLVED.
    assertThat(run.hour(H10 + 2 * HOUR, US, EU_ABOVE)).isEmpty();
    assertThat(run.episode("eu").open()).isTrue();
    assertThat(run.episode("eu").announced).isFalse();
    assertThat(run.hour(H10 + 3 * HOUR, US, EU_ABOVE)).isEmpty();
    assertThat(run.hour(H10 + 4 * HOUR, US, EU_CLEAR)).isEmpty();
    assertThat(run.episode("eu").open()).isFalse();

    // Another endpoint the same day is advised on its own.
    EndpointHour ap = ran("ap", "ap-southeast-1", 2.80);
    assertThat(run.hour(H10 + 5 * HOUR, US, EU_ABOVE, ap)).extracting(CostAlert::getEndpointId)
        .containsExactly("ap");
    // An episode open across midnight (13:00 ... 23:00 ... 01:00) does not fire again on the next day.
    for (long h = H10 + 6 * HOUR; h < H10 + 15 * HOUR; h += HOUR) {
      assertThat(run.hour(h, US, EU_ABOVE, ap)).isEmpty();
    }
    assertThat(run.hour(H10 + 15 * HOUR, US, EU_CLEAR)).extracting(CostAlert::getEndpointId,
        CostAlert::getStatus, CostAlert::getMessage).containsExactly(tuple("ap", AlertStatus.RESOLVED,
            "ap: the regional difference of 2026-03-02 15:00 to 2026-03-03 01:00 UTC is over (10 hours above the line)"));
    // The next UTC day, a new episode is announced again.
    long nextDay = H10 + 24 * HOUR;
    assertThat(run.hour(nextDay, US, EU_ABOVE)).extracting(CostAlert::getStatus, CostAlert::getAlertId)
        .containsExactly(tuple(AlertStatus.FIRING, RegionalCostVariance.alertId("eu", nextDay)));
    assertWellFormed(run.alerts);
    assertThat(RegionalCostVariance.adviceDay(H10 + 13 * HOUR)).isEqualTo(H10 - 10 * HOUR);
    assertThat(RegionalCostVariance.adviceDay(H10 + 14 * HOUR)).isEqualTo(H10 + 14 * HOUR);
  }

  @Test
  void twoClearHoursWhenConfiguredSo() {
    Run run = new Run(new RegionalCostVariance(PRICES, SETTLE, REVISIONS, HYSTERESIS, 2));
    run.hour(H10, US, EU_ABOVE);
    assertThat(run.hour(H10 + HOUR, US, EU_CLEAR)).isEmpty();
    assertThat(run.hour(H10 + 2 * HOUR, US, EU_DIP)).as("holding starts the count again").isEmpty();
    assertThat(run.hour(H10 + 3 * HOUR, US, EU_CLEAR)).isEmpty();
    assertThat(run.hour(H10 + 4 * HOUR)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(H10 + HOUR));
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(H10 + 5 * HOUR + SETTLE));
    });
  }

  @Test
  void noHysteresisResolvesAtTheFirstHourNotAboveTheThreshold() {
    Run run = new Run(new RegionalCostVariance(PRICES, SETTLE, REVISIONS, 0, 1));
    run.hour(H10, US, EU_ABOVE);
    assertThat(run.hour(H10 + HOUR, US, EU_DIP)).extracting(CostAlert::getStatus)
        .containsExactly(AlertStatus.RESOLVED);
  }

  @Test
  void aRevisionAfterTheComparisonStartsAnEpisodeOnlyForEndpointsWithoutOne() {
    Run run = run();
    EndpointHour ap = ran("ap", "ap-southeast-1", 1.40);
    assertThat(run.hour(H10, US, ran("eu-1", "eu-west-1", 2.00), ap)).extracting(CostAlert::getEndpointId)
        .containsExactly("eu-1");
    long comparedAt = rule.comparedAt(H10);

    // A late bill raises ap-southeast-1 to $2.80 ($2.00 at base rates); eu-1 has its episode already.
    long billAt = comparedAt + 20 * MINUTE;
    List<CostAlert> revised = run.figures(billAt, ran("ap", "ap-southeast-1", 2.80));
    assertThat(revised).singleElement().satisfies(a -> {
      assertThat(a.getEndpointId()).isEqualTo("ap");
      assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.getAlertId()).isEqualTo(RegionalCostVariance.alertId("ap", H10));
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(billAt));
      assertThat(a.getObserved()).isGreaterThan(a.getThreshold());
    });
    assertThat(run.figures(billAt + MINUTE, ran("ap", "ap-southeast-1", 2.90))).isEmpty();

    // The next hour: ap's episode goes on with it; eu-1 is clear.
    assertThat(run.hour(H10 + HOUR, US, ran("eu-1", "eu-west-1", 1.25), ran("ap", "ap-southeast-1", 2.80)))
        .extracting(CostAlert::getEndpointId, CostAlert::getStatus).containsExactly(tuple("eu-1", AlertStatus.RESOLVED));

    // A revision of the first hour for ap (open) and for eu-1 (covered there) starts nothing.
    assertThat(run.figures(comparedAt + 2 * HOUR, ran("eu-1", "eu-west-1", 3.00), ran("ap", "ap-southeast-1", 3.00)))
        .isEmpty();

    // A newly found endpoint of an hour whose next hour was compared already: over at once.
    long laterBill = comparedAt + 3 * HOUR;
    assertThat(run.figures(laterBill, ran("eu-2", "eu-west-1", 2.50)))
        .extracting(CostAlert::getEndpointId, CostAlert::getStatus, a -> a.getDetectedAt().toEpochMilli(),
            CostAlert::getAlertId)
        .containsExactly(tuple("eu-2", AlertStatus.FIRING, laterBill, RegionalCostVariance.alertId("eu-2", H10)),
            tuple("eu-2", AlertStatus.RESOLVED, laterBill, RegionalCostVariance.alertId("eu-2", H10)));
    assertThat(run.alerts.get(run.alerts.size() - 1).getMessage())
        .isEqualTo("eu-2: the regional difference of 10:00-11:00 UTC is over (1 hour above the line)");
    assertThat(run.episode("eu-2").open()).isFalse();

    // Revising the next hour: eu-1 was announced today already, so its new episode stays silent.
    assertThat(run.figures(laterBill + MINUTE, in(H10 + HOUR, ran("eu-1", "eu-west-1", 2.50)))).isEmpty();
    assertThat(run.episode("eu-1").open()).as("ends silently with the hour after it").isTrue();
    assertThat(run.hour(H10 + 2 * HOUR, US)).extracting(CostAlert::getEndpointId, CostAlert::getStatus)
        .containsExactly(tuple("ap", AlertStatus.RESOLVED));
    assertThat(run.episode("eu-1").open()).isFalse();
    assertWellFormed(run.alerts);
  }

  @Test
  void figuresOfAnotherHourOrTypeAreRefusedWithContext() {
    RegionalHour hour = new RegionalHour("nvidia-t4", H10);
    assertThatThrownBy(() -> rule.onFigures(hour, ran("eu", "eu-west-1", 2.00), H10, RegionalEpisodes.inMemory()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eu")
        .hasMessageContaining("nvidia-l4")
        .hasMessageContaining("nvidia-t4");
  }

  @Test
  void daysOfAdviceAreForgottenOnceNoRevisionCanReachThemAndTheRecordWithThem() {
    Run run = run();
    run.hour(H10, US, EU_ABOVE);
    run.hour(H10 + HOUR, US, EU_CLEAR);
    assertThat(run.episode("eu").announcedDays).containsExactly(RegionalCostVariance.adviceDay(H10));
    long lastHourOfDay = RegionalCostVariance.adviceDay(H10) + 23 * HOUR;
    run.settle(rule.forgottenAt(lastHourOfDay) - 1);
    assertThat(run.episode("eu")).isNotNull();
    run.settle(rule.forgottenAt(lastHourOfDay));
    assertThat(run.episode("eu")).isNull();
    assertThat(run.hours).isEmpty();
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
      Run run = run();
      run.figures(H10 + HOUR + 5 * MINUTE, figures.toArray(EndpointHour[]::new));
      run.settle(H10 + 5 * HOUR);
      if (expected == null) {
        expected = run.alerts;
        assertThat(run.alerts).extracting(CostAlert::getEndpointId, CostAlert::getStatus)
            .containsExactly(tuple("ap-1", AlertStatus.FIRING), tuple("eu-1", AlertStatus.FIRING),
                tuple("eu-2", AlertStatus.FIRING), tuple("ap-1", AlertStatus.RESOLVED),
                tuple("eu-1", AlertStatus.RESOLVED), tuple("eu-2", AlertStatus.RESOLVED));
      }
      assertThat(run.alerts).isEqualTo(expected);
    }
  }

  /**
   * Three days of random figures, hour by hour or settled in random batches with the figures of a
   * batch in random order: the same alerts per endpoint, every FIRING above its threshold, one
   * FIRING and at most one RESOLVED per alert id, never two episodes announced at once, at most
   * one FIRING per endpoint and UTC day.
   */
  @Test
  void randomHoursKeepTheLifecycleAndDoNotDependOnArrivalOrBatching() {
    Random random = new Random(11);
    double[] euPrices = {1.00, 1.25, 1.5875, 1.60, 1.625, 1.70, 2.00, 2.50};
    List<List<EndpointHour>> hours = new ArrayList<>();
    for (int h = 0; h < 72; h++) {
      long hourStart = H10 + h * HOUR;
      List<EndpointHour> figures = new ArrayList<>();
      if (random.nextInt(10) > 0) {
        figures.add(in(hourStart, ran("us", "us-east-1", 1.00)));
      }
      for (String eu : List.of("eu-1", "eu-2", "eu-3")) {
        if (random.nextInt(8) > 0) {
          figures.add(in(hourStart, ran(eu, "eu-west-1", euPrices[random.nextInt(euPrices.length)])));
        }
      }
      hours.add(figures);
    }
    Run hourly = run();
    for (int h = 0; h < hours.size(); h++) {
      hourly.hour(H10 + h * HOUR, hours.get(h).stream().map(f -> in(H10, f)).toArray(EndpointHour[]::new));
    }
    hourly.settle(H10 + 100 * HOUR);
    assertWellFormed(hourly.alerts);
    assertThat(hourly.alerts).filteredOn(a -> a.getStatus() == AlertStatus.FIRING).hasSizeGreaterThan(3);
    Set<String> endpointDays = new HashSet<>();
    Map<String, Boolean> open = new HashMap<>();
    for (CostAlert a : hourly.alerts) {
      boolean firing = a.getStatus() == AlertStatus.FIRING;
      assertThat(open.getOrDefault(a.getEndpointId(), false)).as("%s open before %s", a.getEndpointId(), a.getStatus())
          .isEqualTo(!firing);
      open.put(a.getEndpointId(), firing);
      if (firing) {
        assertThat(endpointDays.add(a.getEndpointId() + " " + RegionalCostVariance.adviceDay(a.getWindowStart().toEpochMilli())))
            .as("one FIRING per endpoint and day: %s", a).isTrue();
      }
    }

    for (int trial = 0; trial < 5; trial++) {
      Run batched = run();
      int h = 0;
      while (h < hours.size()) {
        int batch = 1 + random.nextInt(6);
        List<EndpointHour> arriving = new ArrayList<>();
        for (int i = h; i < Math.min(hours.size(), h + batch); i++) {
          arriving.addAll(hours.get(i));
        }
        Collections.shuffle(arriving, random);
        h = Math.min(hours.size(), h + batch);
        batched.figures(H10 + h * HOUR, arriving.toArray(EndpointHour[]::new));
        batched.settle(rule.comparedAt(H10 + (h - 1) * HOUR));
      }
      batched.settle(H10 + 100 * HOUR);
      assertThat(byEndpoint(batched.alerts)).isEqualTo(byEndpoint(hourly.alerts));
    }
  }

  private static Map<String, List<CostAlert>> byEndpoint(List<CostAlert> alerts) {
    Map<String, List<CostAlert>> by = new TreeMap<>();
    for (CostAlert a : alerts) {
      by.computeIfAbsent(a.getEndpointId(), k -> new ArrayList<>()).add(a);
    }
    return by;
  }
}
