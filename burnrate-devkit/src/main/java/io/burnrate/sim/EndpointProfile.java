package io.burnrate.sim;

import io.burnrate.core.Money;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import java.time.ZoneId;
import java.util.Map;

/**
 * Everything fixed about one simulated endpoint: its configuration as the pipeline sees it, and the
 * traffic it serves (peak request rate and mean service time). Depends only on the seed, the index and
 * the scenarios placed on it, never on the fleet's size.
 */
record EndpointProfile(
    int index,
    String endpointId,
    String owner,
    Criticality criticality,
    boolean allowEmergencyShutdown,
    String fallbackEndpointId,
    InstanceCatalog.InstanceType instanceType,
    String region,
    ZoneId zone,
    double modelSizeGb,
    long priceMicros,
    double serviceMs,
    double peakRate,
    int minReplicas,
    int maxReplicas,
    int expectedMaxReplicas,
    long dailyBudgetMicros,
    ScenarioEffects effects,
    long runSeed) {

  /** Busy replica-equivalents at the weekday peak: peak rate times mean service time. */
  double peakLoad() {
    return peakRate * serviceMs / 1000.0;
  }

  long transferMicros() {
    return InstanceCatalog.transferMicros(modelSizeGb);
  }

  double hourlyPriceUsd() {
    return Money.usd(priceMicros);
  }

  EndpointConfig toConfig() {
    return EndpointConfig.newBuilder()
        .setEndpointId(endpointId)
        .setOwner(owner)
        .setCriticality(criticality)
        .setDailyBudgetUsd(Money.usd(dailyBudgetMicros))
        .setHourlyPriceUsd(hourlyPriceUsd())
        .setMinReplicas(minReplicas)
        .setMaxReplicas(maxReplicas)
        .setExpectedMaxReplicas(expectedMaxReplicas)
        .setInstanceType(instanceType.name())
        .setRegion(region)
        .setModelSizeGb(modelSizeGb)
        .setFallbackEndpointId(fallbackEndpointId)
        .setTimezone(zone.getId())
        .setAllowEmergencyShutdown(allowEmergencyShutdown)
        .setThresholds(Map.of())
        .build();
  }
}
