package io.burnrate.engine;

import io.burnrate.baseline.NoiseGate;
import io.burnrate.baseline.SeasonalBaseline;
import java.time.ZoneId;

/**
 * How the seasonal baselines learn and how baseline rules are kept quiet: samples kept per hour of
 * the week, how many make a baseline warm, the floors under which nothing is unusual, and the noise
 * gate (minimum breach, hysteresis) of COST_SPIKE, REQUEST_SURGE and BUDGET_FORECAST, and whether
 * COST_PER_REQUEST_RISING falls back to the trailing closed hours while its baseline warms up (off:
 * a trailing day's average makes every quiet evening look expensive), and how many robust standard
 * deviations ({@code spreadLimit}) above its usual level a closed hour's cost per request must also be,
 * so an endpoint whose hours naturally swing (one replica more or less) is judged by its own swing, and
 * in how many closed hours in a row ({@code minBreachHours}) before it fires.
 */
public record BaselineSettings(
    int samplesPerBucket, int minSamples, double spendFloorUsd, double requestsFloor, NoiseGate.Settings gate,
    boolean trailingFallback, double spreadLimit, int minBreachHours) {
  public static final double DEFAULT_SPREAD_LIMIT = 3.0;
  public static final int DEFAULT_MIN_BREACH_HOURS = 2;

  public static BaselineSettings defaults() {
    return new BaselineSettings(SeasonalBaseline.Settings.DEFAULT_SAMPLES_PER_BUCKET,
        SeasonalBaseline.Settings.DEFAULT_MIN_SAMPLES, 1.0, 60, NoiseGate.Settings.DEFAULTS, false,
        DEFAULT_SPREAD_LIMIT, DEFAULT_MIN_BREACH_HOURS);
  }

  /** COST_PER_REQUEST_RISING judged against the trailing closed hours while the seasonal baseline warms up. */
  public BaselineSettings withTrailingFallback(boolean value) {
    return new BaselineSettings(samplesPerBucket, minSamples, spendFloorUsd, requestsFloor, gate, value, spreadLimit,
        minBreachHours);
  }

  SeasonalBaseline.Settings spend(ZoneId zone) {
    return new SeasonalBaseline.Settings(zone, samplesPerBucket, minSamples, spendFloorUsd * 1_000_000.0);
  }

  SeasonalBaseline.Settings requests(ZoneId zone) {
    return new SeasonalBaseline.Settings(zone, samplesPerBucket, minSamples, requestsFloor);
  }

  SeasonalBaseline.Settings costPerRequest(ZoneId zone) {
    return new SeasonalBaseline.Settings(zone, samplesPerBucket, minSamples, 0.0);
  }
}
