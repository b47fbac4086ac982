package io.burnrate.rules;

import io.burnrate.schema.Criticality;
import java.time.ZoneId;

/**
 * Everything the pipeline needs to know about one endpoint: its config record where one exists,
 * else the application's defaults ({@code configured} false: alerted on, never scaled).
 */
public record EndpointSettings(
    String endpointId,
    boolean configured,
    String owner,
    Criticality criticality,
    long dailyBudgetMicros,
    Double hourlyPriceUsd,
    int minReplicas,
    int maxReplicas,
    int expectedMaxReplicas,
    String instanceType,
    String region,
    double modelSizeGb,
    String fallbackEndpointId,
    ZoneId zone,
    boolean allowEmergencyShutdown,
    Thresholds thresholds,
    double meterCorrection) {

  public boolean nonCritical() {
    return criticality == Criticality.NON_CRITICAL;
  }
}
