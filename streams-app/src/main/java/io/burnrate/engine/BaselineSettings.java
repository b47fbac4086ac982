package io.burnrate.engine;

import io.burnrate.baseline.NoiseGate;
import io.burnrate.baseline.SeasonalBaseline;
import java.time.ZoneId;

/**
 * How the seasonal baselines learn and how baseline rules are kept quiet: samples kept per hour of
 * the week, how many make a baseline warm, the floors under which nothing is unusual, and the noise
 * gate (minimum breach, hysteresis) of COST_SPIKE, REQUEST_SURGE and BUDGET_FORECAST, and whether
 * COST_PER_REQUEST_RISING falls back to the trailing closed hours while its baseline warms up (off:
 * a trailing day's average makes every quiet evening look expensive).
 */
public record BaselineSettings(
    int samplesPerBucket, int minSamples, double spendFloorUsd, double requestsFloor, NoiseGate.Settings gate,
    boolean trailingFallback) {

  public static BaselineSettings defaults() {
    return new BaselineSettings(SeasonalBaseline.Settings.DEFAULT_SAMPLES_PER_BUCKET,
        SeasonalBaseline.Settings.DEFAULT_MIN_SAMPLES, 1.0, 60, NoiseGate.Settings.DEFAULTS, false);
  }

  /** COST_PER_REQUEST_RISING judged against the trailing closed hours while the seasonal baseline warms up. */
  public BaselineSettings withTrailingFallback(boolean value) {
    return new BaselineSettings(samplesPerBucket, minSamples, spendFloorUsd, requestsFloor, gate, value);
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
