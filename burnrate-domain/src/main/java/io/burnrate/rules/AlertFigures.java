package io.burnrate.rules;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An alert's figures as a person reads them; the record keeps its values as they are.
 *
 * <ul>
 *   <li>A ratio is shown as a percentage: 0.0146 as {@code 1.46 %}.
 *   <li>Each figure has at least its unit's decimals (USD 2, % 2, USD/request 6, USD/instance-hour 4, any
 *       other unit 0 for a whole number and 2 otherwise) and two significant digits.
 *   <li>Beside the figure it is compared with, it has enough decimals to show their difference to two
 *       significant digits, so the two never read alike when they differ and the gap reads right (0.8812
 *       against 0.88 as {@code 0.8812 > 0.88}, 25.2004 against 25.2 as {@code 25.2004 > 25.20}); figures
 *       far apart keep the minimum ({@code 300.00 > 288.00}). When that takes more than
 *       {@value #MAX_EXTRA_DECIMALS} decimals beyond the minimum (floating-point noise), both are written
 *       exactly.
 *   <li>Trailing zeros past a figure's own minimum are dropped (the threshold 0.88 stays {@code 0.88}).
 *   <li>The sign is the true one: FIRING shows {@code >}, {@code <} or {@code =} as the two figures
 *       compare (a consistent record shows {@code >}, or {@code <} for {@link AlertRule#LOW_UTILIZATION},
 *       the one rule that fires below its threshold); RESOLVED shows {@code <=} ({@code >=} for
 *       LOW_UTILIZATION) when the value is back on the safe side, else the value with the threshold
 *       beside it, without a sign. A closed-hour rule (LOW_UTILIZATION, COST_PER_REQUEST_RISING,
 *       REGIONAL_COST_VARIANCE) resolves when its hour is over, measuring nothing: its RESOLVED record
 *       repeats the threshold as observed, so only the threshold is shown.
 * </ul>
 *
 * <p>Rounding is half-up on the decimal the record's double prints as, so 0.125 shows as 0.13.
 */
public final class AlertFigures {
  /** Decimals added at most, beyond a pair's minimum, to show two figures' difference. */
  public static final int MAX_EXTRA_DECIMALS = 6;

  private static final String RATIO = "ratio";
  private static final String PERCENT = "%";

  private AlertFigures() {}

  /** Whether the rule fires when the observed value is below its threshold (only LOW_UTILIZATION). */
  public static boolean firesBelow(AlertRule rule) {
    return rule == AlertRule.LOW_UTILIZATION;
  }

  /** The unit as shown: {@code %} for a ratio, any other as it is; never null. */
  public static String unit(String unit) {
    if (unit == null) {
      return "";
    }
    return RATIO.equals(unit) ? PERCENT : unit;
  }

  /**
   * {@code v} without its unit, in the unit shown (a ratio as a percentage), with enough decimals to tell
   * it from {@code other}, the figure it is shown beside (NaN for none).
   */
  public static String number(double v, String unit, double other) {
    if (!Double.isFinite(v)) {
      return nonFinite(v);
    }
    BigDecimal x = shown(v, unit);
    BigDecimal y = Double.isFinite(other) ? shown(other, unit) : null;
    int decimals = decimals(x, y, unit);
    return decimals < 0 ? exact(x, unit) : rounded(x, decimals, unit);
  }

  /** {@code v} alone, without its unit: {@link #number(double, String, double)} with nothing beside it. */
  public static String number(double v, String unit) {
    return number(v, unit, Double.NaN);
  }

  /** {@code v} with its unit, told apart from {@code other}: {@code 0.8812 USD}, {@code 1.46 %}. */
  public static String value(double v, String unit, double other) {
    return withUnit(number(v, unit, other), unit);
  }

  /** {@code v} alone, with its unit. */
  public static String value(double v, String unit) {
    return value(v, unit, Double.NaN);
  }

  /**
   * Observed against threshold, with the true sign: {@code 0.8812 > 0.88 USD}, {@code 1.46 % > 1.00 %},
   * {@code 4.00 % < 10.00 %} (LOW_UTILIZATION firing), {@code 0.42 <= 0.88 USD} (resolved); or, where no
   * sign fits (resolved while still on the firing side, or a figure that is no number), side by side:
   * {@code 300.00 USD (threshold 288.00 USD)}; or, for a closed hour that is over, {@code threshold 10.00 %}.
   */
  public static String comparison(CostAlert alert) {
    double observed = alert.getObserved();
    double threshold = alert.getThreshold();
    String unit = alert.getUnit();
    if (alert.getStatus() == AlertStatus.RESOLVED && closesWithItsHour(alert.getRule()) && observed == threshold) {
      return "threshold " + value(threshold, unit);
    }
    String sign = sign(alert.getRule(), alert.getStatus(), observed, threshold);
    if (sign == null) {
      return value(observed, unit, threshold) + " (threshold " + value(threshold, unit, observed) + ")";
    }
    String o = number(observed, unit, threshold);
    String t = number(threshold, unit, observed);
    if (PERCENT.equals(unit(unit))) {
      return o + " " + PERCENT + " " + sign + " " + t + " " + PERCENT;
    }
    return withUnit(o + " " + sign + " " + t, unit);
  }

  /** Whether the rule judges a closed hour, and resolves when the next hour closes. */
  private static boolean closesWithItsHour(AlertRule rule) {
    return rule == AlertRule.LOW_UTILIZATION || rule == AlertRule.COST_PER_REQUEST_RISING
        || rule == AlertRule.REGIONAL_COST_VARIANCE;
  }

  /**
   * The sign between observed and threshold, or null where none is true to show: {@code >}, {@code <} or
   * {@code =} for FIRING; {@code <=} or {@code >=} for RESOLVED back on the rule's safe side.
   */
  static String sign(AlertRule rule, AlertStatus status, double observed, double threshold) {
    if (!Double.isFinite(observed) || !Double.isFinite(threshold)) {
      return null;
    }
    if (status == AlertStatus.RESOLVED) {
      if (firesBelow(rule)) {
        return observed >= threshold ? ">=" : null;
      }
      return observed <= threshold ? "<=" : null;
    }
    return observed > threshold ? ">" : observed < threshold ? "<" : "=";
  }

  /**
   * The alert's baseline with its unit, or null when it has none. REGIONAL_COST_VARIANCE's baseline is
   * the reference region's base price per instance-hour, not a ratio.
   */
  public static String baseline(CostAlert alert) {
    Double baseline = alert.getBaseline();
    if (baseline == null) {
      return null;
    }
    return value(baseline, alert.getRule() == AlertRule.REGIONAL_COST_VARIANCE ? "USD/instance-hour" : alert.getUnit());
  }

  /** The decimal the double prints as, scaled to the unit shown (a ratio times 100, exactly). */
  private static BigDecimal shown(double v, String unit) {
    BigDecimal d = new BigDecimal(Double.toString(v));
    return RATIO.equals(unit) ? d.movePointRight(2) : d;
  }

  /**
   * Decimals to round {@code x} at: the pair's minimum, or more to show its difference from {@code y} to
   * two significant digits; -1 when that is more than {@link #MAX_EXTRA_DECIMALS} beyond the minimum, so
   * both are written exactly. Rounded at these, two figures that differ stay apart: the difference is at
   * least ten units of the last decimal, and rounding moves each by half a unit at most.
   */
  private static int decimals(BigDecimal x, BigDecimal y, String unit) {
    if (y == null || x.compareTo(y) == 0) {
      return least(x, unit);
    }
    int least = Math.max(least(x, unit), least(y, unit));
    int gap = twoSignificant(x.subtract(y));
    if (gap <= least) {
      return least;
    }
    return gap <= least + MAX_EXTRA_DECIMALS ? gap : -1;
  }

  /** The unit's minimum, and at least two significant digits. */
  private static int least(BigDecimal x, String unit) {
    return Math.max(minimum(x, unit), twoSignificant(x));
  }

  /** The decimals a figure always keeps: trailing zeros are dropped down to these. */
  private static int minimum(BigDecimal x, String unit) {
    if (unit != null) {
      switch (unit) {
        case "USD", RATIO -> {
          return 2;
        }
        case "USD/request" -> {
          return 6;
        }
        case "USD/instance-hour" -> {
          return 4;
        }
        default -> { }
      }
    }
    return x.stripTrailingZeros().scale() <= 0 ? 0 : 2;
  }

  private static int twoSignificant(BigDecimal x) {
    if (x.signum() == 0) {
      return 0;
    }
    int leadingExponent = x.precision() - x.scale() - 1;
    return Math.max(0, 1 - leadingExponent);
  }

  private static String rounded(BigDecimal x, int decimals, String unit) {
    return trimmed(x.setScale(decimals, RoundingMode.HALF_UP), minimum(x, unit));
  }

  private static String exact(BigDecimal x, String unit) {
    return trimmed(x, minimum(x, unit));
  }

  private static String trimmed(BigDecimal x, int minimum) {
    BigDecimal stripped = x.stripTrailingZeros();
    if (stripped.scale() < minimum) {
      stripped = stripped.setScale(minimum, RoundingMode.UNNECESSARY);
    }
    return stripped.toPlainString();
  }

  private static String nonFinite(double v) {
    return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }

  private static String withUnit(String number, String unit) {
    String shown = unit(unit);
    return shown.isEmpty() ? number : number + " " + shown;
  }
}
