package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertFiguresTest {
  private static final Instant T = Instant.parse("2026-11-02T10:25:00Z");

  private static CostAlert alert(AlertRule rule, AlertStatus status, double observed, double threshold, String unit) {
    return CostAlert.newBuilder()
        .setAlertId("a-1").setEndpointId("ep").setRule(rule).setSeverity(Severity.WARNING).setStatus(status)
        .setWindowStart(T.minusSeconds(3600)).setWindowEnd(T).setObserved(observed).setThreshold(threshold)
        .setUnit(unit).setMessage("m").setDetectedAt(T).build();
  }

  private static String firing(AlertRule rule, double observed, double threshold, String unit) {
    return AlertFigures.comparison(alert(rule, AlertStatus.FIRING, observed, threshold, unit));
  }

  private static String resolved(AlertRule rule, double observed, double threshold, String unit) {
    return AlertFigures.comparison(alert(rule, AlertStatus.RESOLVED, observed, threshold, unit));
  }

  // The lines the demo printed, and what they show now.

  @Test
  void figuresThatDifferOnlyPastTheCentsGetTheDigitsThatShowTheGap() {
    assertThat(firing(AlertRule.HOURLY_SPEND_RATE, 0.8812, 0.88, "USD")).isEqualTo("0.8812 > 0.88 USD");
    assertThat(firing(AlertRule.HOURLY_SPEND_RATE, 25.2004, 25.20, "USD")).isEqualTo("25.2004 > 25.20 USD");
    assertThat(firing(AlertRule.HOURLY_SPEND_RATE, 0.885, 0.88, "USD")).isEqualTo("0.885 > 0.88 USD");
  }

  @Test
  void ratiosArePercentages() {
    assertThat(firing(AlertRule.ERROR_RATE, 0.0146, 0.01, "ratio")).isEqualTo("1.46 % > 1.00 %");
    assertThat(firing(AlertRule.ERROR_RATE, 0.010123, 0.01, "ratio")).isEqualTo("1.012 % > 1.00 %");
    assertThat(firing(AlertRule.REGIONAL_COST_VARIANCE, 0.4567, 0.3, "ratio")).isEqualTo("45.67 % > 30.00 %");
    assertThat(AlertFigures.unit("ratio")).isEqualTo("%");
    assertThat(AlertFigures.value(0.0146, "ratio", 0.01)).isEqualTo("1.46 %");
    assertThat(AlertFigures.number(0.0146, "ratio")).isEqualTo("1.46");
  }

  @Test
  void aFiringRecordBelowItsLineShowsTheTrueSign() {
    // HIGH_LATENCY is judged exactly but reports the sketch p95, which can sit under the limit.
    assertThat(firing(AlertRule.HIGH_LATENCY, 487.86, 500, "ms")).isEqualTo("487.86 < 500 ms");
    assertThat(firing(AlertRule.HOURLY_SPEND_RATE, 0.88, 0.88, "USD")).isEqualTo("0.88 = 0.88 USD");
  }

  @Test
  void figuresFarApartKeepTheirUnitsMinimum() {
    assertThat(firing(AlertRule.DAILY_BUDGET_120, 300, 288, "USD")).isEqualTo("300.00 > 288.00 USD");
    assertThat(firing(AlertRule.COST_SPIKE, 0.1 + 0.2, 0.05, "USD")).isEqualTo("0.30 > 0.05 USD");
    assertThat(firing(AlertRule.COLD_START_FREQUENCY, 11, 10, "cold starts/hour"))
        .isEqualTo("11 > 10 cold starts/hour");
    assertThat(firing(AlertRule.RUNAWAY_SCALING, 14, 8, "replicas")).isEqualTo("14 > 8 replicas");
    assertThat(firing(AlertRule.AUTOSCALING_THRASH, 61, 50, "scale-ups/day")).isEqualTo("61 > 50 scale-ups/day");
    assertThat(firing(AlertRule.QUEUE_DEPTH, 37, 10, "requests")).isEqualTo("37 > 10 requests");
    assertThat(firing(AlertRule.HIGH_LATENCY, 812.4871, 500, "ms")).isEqualTo("812.49 > 500 ms");
  }

  @Test
  void aCountIsWholeUnlessItIsFractional() {
    // REQUEST_SURGE's threshold is a factor times the usual traffic.
    assertThat(firing(AlertRule.REQUEST_SURGE, 1712, 1000.0 / 3, "requests/hour"))
        .isEqualTo("1712 > 333.33 requests/hour");
    assertThat(firing(AlertRule.COLD_START_FREQUENCY, 10.004, 10, "cold starts/hour"))
        .isEqualTo("10.004 > 10 cold starts/hour");
  }

  @Test
  void costPerRequestShowsMicroDollarsAndTinyFiguresKeepTwoSignificantDigits() {
    assertThat(firing(AlertRule.COST_PER_REQUEST_RISING, 0.000185, 0.00012, "USD/request"))
        .isEqualTo("0.000185 > 0.000120 USD/request");
    assertThat(firing(AlertRule.COST_PER_REQUEST_RISING, 0.000185, 0.0000012, "USD/request"))
        .isEqualTo("0.000185 > 0.0000012 USD/request");
    assertThat(AlertFigures.value(0.0000012, "USD")).isEqualTo("0.0000012 USD");
    assertThat(AlertFigures.value(0.004, "ratio")).isEqualTo("0.40 %");
  }

  @Test
  void floatingPointNoiseIsShownExactlyRatherThanAsTwoEqualFigures() {
    assertThat(firing(AlertRule.COST_SPIKE, 0.1 + 0.2, 0.3, "USD")).isEqualTo("0.30000000000000004 > 0.30 USD");
    // Within the extra digits allowed, rounded: no 17-digit noise.
    assertThat(firing(AlertRule.COST_SPIKE, 0.8800001, 0.88, "USD")).isEqualTo("0.8800001 > 0.88 USD");
    assertThat(firing(AlertRule.COST_SPIKE, 0.88000001, 0.88, "USD")).isEqualTo("0.88000001 > 0.88 USD");
  }

  @Test
  void lowUtilizationFiresBelowItsLineAndResolvesAtOrAboveIt() {
    assertThat(AlertFigures.firesBelow(AlertRule.LOW_UTILIZATION)).isTrue();
    assertThat(AlertFigures.firesBelow(AlertRule.ERROR_RATE)).isFalse();
    assertThat(firing(AlertRule.LOW_UTILIZATION, 0.043, 0.10, "ratio")).isEqualTo("4.30 % < 10.00 %");
    assertThat(resolved(AlertRule.LOW_UTILIZATION, 0.25, 0.10, "ratio")).isEqualTo("25.00 % >= 10.00 %");
    assertThat(resolved(AlertRule.LOW_UTILIZATION, 0.05, 0.10, "ratio")).isEqualTo("5.00 % (threshold 10.00 %)");
  }

  @Test
  void aResolvedAlertShowsTheValueBackOnTheSafeSideOrBesideItsThreshold() {
    assertThat(resolved(AlertRule.HOURLY_SPEND_RATE, 0.42, 0.88, "USD")).isEqualTo("0.42 <= 0.88 USD");
    assertThat(resolved(AlertRule.COLD_START_FREQUENCY, 10, 10, "cold starts/hour"))
        .isEqualTo("10 <= 10 cold starts/hour");
    assertThat(resolved(AlertRule.ERROR_RATE, 0.0099, 0.01, "ratio")).isEqualTo("0.99 % <= 1.00 %");
    // A budget day that ends over its tier resolves with the final spend, still above the line.
    assertThat(resolved(AlertRule.DAILY_BUDGET_120, 300, 288, "USD")).isEqualTo("300.00 USD (threshold 288.00 USD)");
  }

  @Test
  void aClosedHourThatIsOverShowsOnlyItsThresholdSinceNothingWasMeasured() {
    // The engine and the regional comparison repeat the threshold as observed when the hour is over.
    assertThat(resolved(AlertRule.LOW_UTILIZATION, 0.10, 0.10, "ratio")).isEqualTo("threshold 10.00 %");
    assertThat(resolved(AlertRule.REGIONAL_COST_VARIANCE, 0.3, 0.3, "ratio")).isEqualTo("threshold 30.00 %");
    assertThat(resolved(AlertRule.COST_PER_REQUEST_RISING, 0.00018, 0.00018, "USD/request"))
        .isEqualTo("threshold 0.000180 USD/request");
    // A measured value is shown as any other.
    assertThat(resolved(AlertRule.COST_PER_REQUEST_RISING, 0.00011, 0.00018, "USD/request"))
        .isEqualTo("0.000110 <= 0.000180 USD/request");
    // A sliding rule back exactly at its line was measured there.
    assertThat(resolved(AlertRule.ERROR_RATE, 0.01, 0.01, "ratio")).isEqualTo("1.00 % <= 1.00 %");
  }

  @Test
  void aFigureThatIsNoNumberIsShownBesideTheThresholdWithoutASign() {
    assertThat(firing(AlertRule.HIGH_LATENCY, Double.NaN, 500, "ms")).isEqualTo("NaN ms (threshold 500 ms)");
    assertThat(firing(AlertRule.COST_SPIKE, Double.POSITIVE_INFINITY, 2, "USD"))
        .isEqualTo("Infinity USD (threshold 2.00 USD)");
    assertThat(AlertFigures.sign(AlertRule.COST_SPIKE, AlertStatus.FIRING, Double.NaN, 2)).isNull();
  }

  @Test
  void roundingIsHalfUpOnTheDecimalTheDoublePrintsAs() {
    assertThat(AlertFigures.number(0.125, "USD")).isEqualTo("0.13");
    assertThat(AlertFigures.number(2.675, "USD")).isEqualTo("2.68");
    assertThat(AlertFigures.number(-0.0, "USD")).isEqualTo("0.00");
    assertThat(AlertFigures.number(-0.001, "USD")).isEqualTo("-0.001");
    assertThat(AlertFigures.number(0.0, "USD")).isEqualTo("0.00");
    assertThat(AlertFigures.number(2.5e9, "requests")).isEqualTo("2500000000");
  }

  @Test
  void anyOtherUnitIsShownAsItIs() {
    assertThat(AlertFigures.value(3, "widgets")).isEqualTo("3 widgets");
    assertThat(AlertFigures.value(3, "")).isEqualTo("3");
    assertThat(AlertFigures.value(3.5, null)).isEqualTo("3.50");
    assertThat(firing(AlertRule.UNKNOWN, 3.5, 3, "")).isEqualTo("3.50 > 3");
  }

  @Test
  void theBaselineIsInTheAlertsUnitExceptTheRegionalReferencePrice() {
    CostAlert spike = CostAlert.newBuilder(alert(AlertRule.COST_SPIKE, AlertStatus.FIRING, 30, 25, "USD"))
        .setBaseline(12.5).build();
    CostAlert variance = CostAlert.newBuilder(
        alert(AlertRule.REGIONAL_COST_VARIANCE, AlertStatus.FIRING, 0.45, 0.3, "ratio")).setBaseline(0.805).build();
    CostAlert none = alert(AlertRule.ERROR_RATE, AlertStatus.FIRING, 0.02, 0.01, "ratio");

    assertThat(AlertFigures.baseline(spike)).isEqualTo("12.50 USD");
    assertThat(AlertFigures.baseline(variance)).isEqualTo("0.8050 USD/instance-hour");
    assertThat(AlertFigures.baseline(none)).isNull();
  }

  /**
   * For many pairs, close and far, in every unit: the shown figures are the values rounded (never moved
   * by more than half a unit of their last decimal), compare exactly as the values do, and the sign is
   * true of the values.
   */
  @Test
  void theShownFiguresAlwaysCompareAsTheValuesDo() {
    Random random = new Random(7);
    List<String> units = List.of("USD", "ratio", "ms", "USD/request", "replicas", "requests/hour");
    for (int i = 0; i < 20_000; i++) {
      String unit = units.get(random.nextInt(units.size()));
      double threshold = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(1000);
        case 1 -> Math.round(random.nextDouble() * 10_000) / 100.0;
        case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(8) - 5);
        default -> 0.01 * (1 + random.nextInt(50));
      };
      double gap = Math.pow(10, -random.nextInt(18)) * (random.nextDouble() - 0.5) * threshold;
      double observed = random.nextInt(10) == 0 ? threshold : threshold + gap;
      AlertStatus status = random.nextBoolean() ? AlertStatus.FIRING : AlertStatus.RESOLVED;
      AlertRule rule = random.nextBoolean() ? AlertRule.LOW_UTILIZATION : AlertRule.COST_SPIKE;
      String context = observed + " vs " + threshold + " " + unit;

      String o = AlertFigures.number(observed, unit, threshold);
      String t = AlertFigures.number(threshold, unit, observed);
      BigDecimal shownObserved = new BigDecimal(o);
      BigDecimal shownThreshold = new BigDecimal(t);
      BigDecimal exactObserved = scaled(observed, unit);
      BigDecimal exactThreshold = scaled(threshold, unit);

      assertThat(shownObserved.compareTo(shownThreshold)).as(context)
          .isEqualTo(exactObserved.compareTo(exactThreshold));
      assertThat(shownObserved.subtract(exactObserved).abs()).as(context)
          .isLessThanOrEqualTo(BigDecimal.ONE.movePointLeft(Math.max(shownObserved.scale(), 0)).divide(BigDecimal.valueOf(2)));

      String comparison = AlertFigures.comparison(alert(rule, status, observed, threshold, unit));
      String sign = AlertFigures.sign(rule, status, observed, threshold);
      if (status == AlertStatus.RESOLVED && rule == AlertRule.LOW_UTILIZATION && observed == threshold) {
        assertThat(comparison).as(context).startsWith("threshold ").doesNotContain(">", "<", "=");
      } else if (sign == null) {
        assertThat(comparison).as(context).contains("(threshold ").doesNotContain(">", "<", "=");
      } else {
        assertThat(comparison).as(context).contains(" " + sign + " ");
        assertThat(holds(sign, observed > threshold ? 1 : observed < threshold ? -1 : 0)).as(context).isTrue();
      }
      if (status == AlertStatus.FIRING) {
        assertThat(sign).as(context).isEqualTo(observed > threshold ? ">" : observed < threshold ? "<" : "=");
      }
    }
  }

  private static boolean holds(String sign, int compared) {
    return switch (sign) {
      case ">" -> compared > 0;
      case "<" -> compared < 0;
      case "=" -> compared == 0;
      case "<=" -> compared <= 0;
      case ">=" -> compared >= 0;
      default -> false;
    };
  }

  private static BigDecimal scaled(double v, String unit) {
    BigDecimal d = new BigDecimal(Double.toString(v));
    return "ratio".equals(unit) ? d.movePointRight(2) : d;
  }
}
