package io.burnrate.engine;

import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.AlertRule;

/** An endpoint's closed hour, as the regional comparison sees it, assembled from its slices. */
public final class ClosedHours {
  private ClosedHours() {}

  /**
   * The hour's compute spend (the larger of metered and billed) and ready replica time, with the
   * instance type and region the alerts name (from the config, else from the latest event, as the
   * engine's alerts do); null when the endpoint ran no replica that hour or its type or region is
   * unknown.
   */
  public static EndpointHour figures(EndpointSettings settings, EndpointState state, long hour, SliceAccess slices) {
    String instanceType = settings.configured() ? settings.instanceType() : state == null ? null : state.lastInstanceType;
    String region = settings.configured() ? settings.region() : state == null ? null : state.lastRegion;
    if (instanceType == null || region == null) {
      return null;
    }
    SliceStats view = slices.hour(settings.endpointId(), settings.zone(), hour);
    if (view.readyReplicaMs <= 0) {
      return null;
    }
    long compute = Math.max(view.metered[Category.COMPUTE], view.billed[Category.COMPUTE]);
    return new EndpointHour(settings.endpointId(), hour, instanceType, region,
        settings.configured() ? settings.owner() : null, compute, view.readyReplicaMs,
        settings.thresholds().get(AlertRule.REGIONAL_COST_VARIANCE));
  }
}
