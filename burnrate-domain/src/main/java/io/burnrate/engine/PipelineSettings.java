package io.burnrate.engine;

import io.burnrate.meter.PriceTable;
import io.burnrate.rules.RuleLifecycles;
import io.burnrate.rules.Thresholds;
import io.burnrate.schema.Criticality;
import java.time.ZoneId;
import java.util.Map;

/** The engine's settings, validated upstream by the configuration layer. Durations in ms. */
public record PipelineSettings(
    long eventGraceMs,
    long billingGraceMs,
    long maxFutureSkewMs,
    long minEventTimeMs,
    long meterStepMs,
    long commandCooldownMs,
    boolean dryRun,
    long replayLagMs,
    double transferUsdPerGb,
    double concurrencyPerReplica,
    long minRequestsForRatios,
    int trailingHours,
    PriceTable priceTable,
    Thresholds thresholds,
    EndpointDefaults endpointDefaults,
    Map<String, Double> meterCorrections,
    BaselineSettings baselines,
    RuleLifecycles lifecycles) {

  /** What an endpoint without a config record is assumed to be. */
  public record EndpointDefaults(
      double dailyBudgetUsd,
      int minReplicas,
      int maxReplicas,
      int expectedMaxReplicas,
      double modelSizeGb,
      ZoneId zone,
      Criticality criticality) {}

  public static PipelineSettings defaults() {
    return new PipelineSettings(
        5 * 60_000L,
        48 * 3_600_000L,
        3_600_000L,
        946_684_800_000L, // 2000-01-01T00:00:00Z
        60_000L,
        10 * 60_000L,
        false,
        0L,
        0.09,
        1.0,
        100,
        24,
        PriceTable.defaults(),
        Thresholds.defaults(),
        new EndpointDefaults(100.0, 0, 10, 10, 26.0, ZoneId.of("UTC"), Criticality.CRITICAL),
        Map.of(),
        BaselineSettings.defaults(),
        RuleLifecycles.defaults());
  }

  public PipelineSettings withMeterCorrections(Map<String, Double> value) {
    return new PipelineSettings(eventGraceMs, billingGraceMs, maxFutureSkewMs, minEventTimeMs, meterStepMs,
        commandCooldownMs, dryRun, replayLagMs, transferUsdPerGb, concurrencyPerReplica, minRequestsForRatios,
        trailingHours, priceTable, thresholds, endpointDefaults, Map.copyOf(value), baselines, lifecycles);
  }

  /** The factor that corrects an endpoint's metered estimate towards its bill (1 when none is set). */
  public double meterCorrection(String endpointId) {
    return meterCorrections.getOrDefault(endpointId, 1.0);
  }

  public PipelineSettings withBaselines(BaselineSettings value) {
    return new PipelineSettings(eventGraceMs, billingGraceMs, maxFutureSkewMs, minEventTimeMs, meterStepMs,
        commandCooldownMs, dryRun, replayLagMs, transferUsdPerGb, concurrencyPerReplica, minRequestsForRatios,
        trailingHours, priceTable, thresholds, endpointDefaults, meterCorrections, value, lifecycles);
  }

  public PipelineSettings withLifecycles(RuleLifecycles value) {
    return new PipelineSettings(eventGraceMs, billingGraceMs, maxFutureSkewMs, minEventTimeMs, meterStepMs,
        commandCooldownMs, dryRun, replayLagMs, transferUsdPerGb, concurrencyPerReplica, minRequestsForRatios,
        trailingHours, priceTable, thresholds, endpointDefaults, meterCorrections, baselines, value);
  }

  public PipelineSettings withDryRun(boolean value) {
    return new PipelineSettings(eventGraceMs, billingGraceMs, maxFutureSkewMs, minEventTimeMs, meterStepMs,
        commandCooldownMs, value, replayLagMs, transferUsdPerGb, concurrencyPerReplica, minRequestsForRatios,
        trailingHours, priceTable, thresholds, endpointDefaults, meterCorrections, baselines, lifecycles);
  }
}
