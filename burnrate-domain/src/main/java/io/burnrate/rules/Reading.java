package io.burnrate.rules;

/**
 * What one evaluation of a rule found. {@code breached}: the value is past the threshold (exactly at
 * it never is); {@code clear}: it is on the safe side of the threshold by the hysteresis, so an open
 * episode may start to resolve. Between the two lines neither holds: an open episode stays open and
 * nothing new fires. {@code observed} and {@code threshold} are in the rule's unit, as the alert
 * reports them; {@code baseline} is NaN for rules without one.
 */
public record Reading(boolean breached, boolean clear, double observed, double threshold, double baseline) {
  /** Nothing to judge (too few requests, no replica, a baseline still warming up): not a breach. */
  public static final Reading UNJUDGED = new Reading(false, true, Double.NaN, Double.NaN, Double.NaN);

  /**
   * Relative slack of the hysteresis line only: threshold x (1 -/+ h) is rounded in binary (0.10 x 1.1
   * is 0.11000000000000001), and a value exactly at the line as written (a utilization of 0.11) must
   * count as on it. 1e-12 of the line covers that rounding and stays below a micro-dollar for lines
   * up to a million dollars.
   */
  private static final double LINE_SLACK = 1e-12;

  /** A rule that fires above its threshold. */
  public static Reading above(double observed, double threshold, double hysteresis) {
    boolean breached = observed > threshold;
    return new Reading(breached, !breached && observed <= threshold * (1 - hysteresis) * (1 + LINE_SLACK), observed,
        threshold, Double.NaN);
  }

  /** A rule that fires below its threshold (LOW_UTILIZATION). */
  public static Reading below(double observed, double threshold, double hysteresis) {
    boolean breached = observed < threshold;
    return new Reading(breached, !breached && observed >= threshold * (1 + hysteresis) * (1 - LINE_SLACK), observed,
        threshold, Double.NaN);
  }

  /**
   * This reading judged clear only when it is also clear against another threshold (the one an open
   * episode fired on), on the same side and with the same hysteresis as the rule's own: a line that
   * moved neither ends an incident whose value is still up nor lets it end on a dip under a line
   * that has moved down.
   */
  public Reading clearAgainst(double line, double hysteresis, boolean firesBelow) {
    if (!judged() || Double.isNaN(line)) {
      return this;
    }
    boolean back = firesBelow
        ? observed >= line * (1 + hysteresis) * (1 - LINE_SLACK)
        : observed <= line * (1 - hysteresis) * (1 + LINE_SLACK);
    return new Reading(breached, clear && back, observed, threshold, baseline);
  }

  public Reading withBaseline(double value) {
    return new Reading(breached, clear, observed, threshold, value);
  }

  public boolean judged() {
    return this != UNJUDGED;
  }
}
