package io.burnrate.engine;

import io.burnrate.core.Money;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.EndpointConfig;
import java.time.ZoneId;

/** Turns an endpoint's config record, or its absence, into the settings the engine uses. */
public final class EndpointSettingsResolver {
  private final PipelineSettings settings;

  public EndpointSettingsResolver(PipelineSettings settings) {
    this.settings = settings;
  }

  public EndpointSettings resolve(String endpointId, EndpointConfig config) {
    if (config == null) {
      PipelineSettings.EndpointDefaults d = settings.endpointDefaults();
      return new EndpointSettings(endpointId, false, null, d.criticality(), Money.micros(d.dailyBudgetUsd()), null,
          d.minReplicas(), d.maxReplicas(), d.expectedMaxReplicas(), null, null, d.modelSizeGb(), null, d.zone(),
          false, settings.thresholds(), settings.meterCorrection(endpointId));
    }
    double modelSize = config.getModelSizeGb() != null
        ? config.getModelSizeGb() : settings.endpointDefaults().modelSizeGb();
    return new EndpointSettings(
        endpointId,
        true,
        config.getOwner(),
        config.getCriticality(),
        Money.micros(config.getDailyBudgetUsd()),
        config.getHourlyPriceUsd(),
        config.getMinReplicas(),
        config.getMaxReplicas(),
        config.getExpectedMaxReplicas(),
        config.getInstanceType(),
        config.getRegion(),
        modelSize,
        config.getFallbackEndpointId(),
        ZoneId.of(config.getTimezone()),
        config.getAllowEmergencyShutdown(),
        settings.thresholds().overriddenBy(config.getThresholds()),
        settings.meterCorrection(endpointId));
  }
}
