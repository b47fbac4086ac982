package io.burnrate.engine;

import io.burnrate.meter.PriceTable;
import io.burnrate.rules.RuleLifecycles;
import io.burnrate.rules.Thresholds;
import io.burnrate.schema.Criticality;
import java.time.ZoneId;
import java.util.Map;

/**
 * The engine's settings, validated upstream by the configuration layer, in groups: event time, metering,
 * rules, commands, endpoints without a config record, baselines. Durations in ms.
 */
public record PipelineSettings(
    EventTime eventTime,
    Metering metering,
    RuleSettings rules,
    Commands commands,
    EndpointDefaults endpointDefaults,
    BaselineSettings baselines) {

  /**
   * How records are placed in event time.
   *
   * @param eventGraceMs how far a request or replica event may be behind and still count
   * @param billingGraceMs the same for a bill's usage end
   * @param maxFutureSkewMs how far ahead an event time may be
   * @param minEventTimeMs the earliest plausible event time
   * @param replayLagMs records this far behind the wall clock are history being replayed
   */
  public record EventTime(long eventGraceMs, long billingGraceMs, long maxFutureSkewMs, long minEventTimeMs,
      long replayLagMs) {}

  /**
   * How spend is metered between bills.
   *
   * @param meterStepMs the step at which quiet endpoints are metered
   * @param meterCorrections per endpoint, a factor on its metered estimate towards its bill
   */
  public record Metering(long meterStepMs, double transferUsdPerGb, double concurrencyPerReplica,
      PriceTable priceTable, Map<String, Double> meterCorrections) {}

  /**
   * What the rules judge against.
   *
   * @param minRequestsForRatios requests a span needs before ratio rules judge it
   * @param trailingHours closed hours of the trailing cost-per-request baseline
   */
  public record RuleSettings(long minRequestsForRatios, int trailingHours, Thresholds thresholds,
      RuleLifecycles lifecycles) {}

  /** The command policy's settings: the scale-down delay, and whether every command is a dry run. */
  public record Commands(long commandCooldownMs, boolean dryRun) {}

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
        new EventTime(5 * 60_000L, 48 * 3_600_000L, 3_600_000L, 946_684_800_000L /* 2000-01-01T00:00:00Z */, 0L),
        new Metering(60_000L, 0.09, 1.0, PriceTable.defaults(), Map.of()),
        new RuleSettings(100, 24, Thresholds.defaults(), RuleLifecycles.defaults()),
        new Commands(10 * 60_000L, false),
        new EndpointDefaults(100.0, 0, 10, 10, 26.0, ZoneId.of("UTC"), Criticality.CRITICAL),
        BaselineSettings.defaults());
  }

  public PipelineSettings withMeterCorrections(Map<String, Double> value) {
    Metering m = metering;
    return new PipelineSettings(eventTime, new Metering(m.meterStepMs(), m.transferUsdPerGb(),
        m.concurrencyPerReplica(), m.priceTable(), Map.copyOf(value)), rules, commands, endpointDefaults, baselines);
  }

  public PipelineSettings withBaselines(BaselineSettings value) {
    return new PipelineSettings(eventTime, metering, rules, commands, endpointDefaults, value);
  }

  public PipelineSettings withLifecycles(RuleLifecycles value) {
    return new PipelineSettings(eventTime, metering,
        new RuleSettings(rules.minRequestsForRatios(), rules.trailingHours(), rules.thresholds(), value), commands,
        endpointDefaults, baselines);
  }

  public PipelineSettings withDryRun(boolean value) {
    return new PipelineSettings(eventTime, metering, rules, new Commands(commands.commandCooldownMs(), value),
        endpointDefaults, baselines);
  }

  /** The factor that corrects an endpoint's metered estimate towards its bill (1 when none is set). */
  public double meterCorrection(String endpointId) {
    return metering.meterCorrections().getOrDefault(endpointId, 1.0);
  }

  // The settings by name, wherever their group: what the engine and the pipeline read.

  public long eventGraceMs() {
    return eventTime.eventGraceMs();
  }

  public long billingGraceMs() {
    return eventTime.billingGraceMs();
  }

  public long maxFutureSkewMs() {
    return eventTime.maxFutureSkewMs();
  }

  public long minEventTimeMs() {
    return eventTime.minEventTimeMs();
  }

  public long replayLagMs() {
    return eventTime.replayLagMs();
  }

  public long meterStepMs() {
    return metering.meterStepMs();
  }

  public double transferUsdPerGb() {
    return metering.transferUsdPerGb();
  }

  public double concurrencyPerReplica() {
    return metering.concurrencyPerReplica();
  }

  public PriceTable priceTable() {
    return metering.priceTable();
  }

  public Map<String, Double> meterCorrections() {
    return metering.meterCorrections();
  }

  public long minRequestsForRatios() {
    return rules.minRequestsForRatios();
  }

  public int trailingHours() {
    return rules.trailingHours();
  }

  public Thresholds thresholds() {
    return rules.thresholds();
  }

  public RuleLifecycles lifecycles() {
    return rules.lifecycles();
  }

  public long commandCooldownMs() {
    return commands.commandCooldownMs();
  }

  public boolean dryRun() {
    return commands.dryRun();
  }
}
