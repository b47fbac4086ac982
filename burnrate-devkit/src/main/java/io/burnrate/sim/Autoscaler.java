package io.burnrate.sim;

/**
 * The simulated endpoints' autoscaler, in the spirit of the seed guide's production settings: scale
 * up as soon as utilization is above 70 % (to the count that brings it to 60 %), scale down only after
 * it has stayed below 30 % for the scale-down delay (to the count that brings it to 50 %), within
 * [min, max]. With
 * {@code min} 0 an idle endpoint goes to zero replicas and the first request wakes one.
 *
 * <p>Utilization is the offered work (busy replica-equivalents: request rate times service time)
 * over the replicas running or starting. One instance per endpoint; it remembers since when
 * utilization has been low.
 */
public final class Autoscaler {
  public static final double SCALE_UP_ABOVE = 0.70;
  public static final double SCALE_DOWN_BELOW = 0.30;
  public static final double TARGET_AFTER_SCALE_UP = 0.60;
  public static final double TARGET = 0.50;
  private static final long NOT_LOW = Long.MIN_VALUE;

  private final int minReplicas;
  private final int maxReplicas;
  private final long scaleDownDelayMs;
  private long lowSince = NOT_LOW;

  public Autoscaler(int minReplicas, int maxReplicas, long scaleDownDelayMs) {
    if (minReplicas < 0 || maxReplicas < Math.max(1, minReplicas) || scaleDownDelayMs < 0) {
      throw new IllegalArgumentException("autoscaler needs 0 <= min <= max, max >= 1 and a delay >= 0; was min "
          + minReplicas + ", max " + maxReplicas + ", delay " + scaleDownDelayMs + " ms");
    }
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.scaleDownDelayMs = scaleDownDelayMs;
  }

  public int minReplicas() {
    return minReplicas;
  }

  public int maxReplicas() {
    return maxReplicas;
  }

  /**
   * The replica count wanted at {@code now}.
   *
   * @param offered busy replica-equivalents demanded (e.g. 1.4 = work for 1.4 replicas at 100 %)
   * @param current replicas running or starting
   */
  public int desired(long now, double offered, int current) {
    if (current == 0) {
      lowSince = NOT_LOW;
      return offered > 0 ? clamp(Math.max(1, forTarget(offered, TARGET_AFTER_SCALE_UP))) : clamp(0);
    }
    double utilization = offered / current;
    if (utilization > SCALE_UP_ABOVE) {
      lowSince = NOT_LOW;
      return clamp(Math.max(current + 1, forTarget(offered, TARGET_AFTER_SCALE_UP)));
    }
    if (utilization < SCALE_DOWN_BELOW) {
      if (lowSince == NOT_LOW) {
        lowSince = now;
      }
      if (now - lowSince >= scaleDownDelayMs) {
        lowSince = now;
        return clamp(Math.min(current, forTarget(offered, TARGET)));
      }
      return clamp(current);
    }
    lowSince = NOT_LOW;
    return clamp(current);
  }

  /** The count wanted to serve {@code offered} at the target utilization, without delay (for a start). */
  public int settled(double offered) {
    return clamp(forTarget(offered, TARGET));
  }

  private static int forTarget(double offered, double target) {
    return (int) Math.ceil(offered / target - 1e-9);
  }

  private int clamp(int replicas) {
    return Math.max(minReplicas, Math.min(maxReplicas, replicas));
  }
}
