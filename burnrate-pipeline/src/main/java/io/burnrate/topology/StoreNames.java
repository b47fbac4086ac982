package io.burnrate.topology;

/** Every state store and processor name, in one place: a renamed store is lost state after an upgrade. */
public final class StoreNames {
  public static final String ENDPOINT_STATE = "endpoint-state";
  public static final String ENDPOINT_SLICES = "endpoint-slices";
  public static final String ENDPOINT_CONFIG = "endpoint-config";
  public static final String LINE_ITEMS = "billing-line-items";
  public static final String METRICS_PENDING = "metrics-pending";
  public static final String SEEN_EVENT_IDS = "seen-event-ids";
  public static final String ENDPOINT_BASELINES = "endpoint-baselines";
  /**
   * The task's event-time order: how far it and each event input have come, and the records held for
   * their turn.
   */
  public static final String EVENT_ORDER = "event-order";
  /** The task's last metering step boundary. */
  public static final String TASK_CLOCK = "task-clock";
  /** FIRING alerts not yet RESOLVED, by alert_id: what {@code GET /alerts/active} reads. */
  public static final String ACTIVE_ALERTS = "active-alerts";
  /** REGIONAL_COST_VARIANCE: closed hours by instance type and hour, in the regional sub-topology. */
  public static final String REGIONAL_HOURS = "regional-hours";
  /**
   * REGIONAL_COST_VARIANCE: each endpoint's open episode and days of advice, by instance type and
   * endpoint, in the regional sub-topology.
   */
  public static final String REGIONAL_EPISODES = "regional-episodes";
  /**
   * REGIONAL_COST_VARIANCE: how far each upstream partition has sent its closed hours, and the time
   * the comparison has settled up to.
   */
  public static final String REGIONAL_PROGRESS = "regional-progress";

  private StoreNames() {}
}
