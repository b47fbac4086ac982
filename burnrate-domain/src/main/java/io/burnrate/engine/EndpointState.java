package io.burnrate.engine;

import io.burnrate.actions.CommandMark;
import io.burnrate.rules.ClosedHour;
import io.burnrate.rules.RuleTrack;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the engine remembers about one endpoint between records. Sorted maps (and the sorted
 * minute buckets) keep iteration order, and so every output, independent of insertion history.
 */
public final class EndpointState {
  public static final long NEVER = Long.MIN_VALUE;

  /** The endpoint's event time: the latest event or tick it has seen. */
  public long clock = NEVER;
  /** Replica cost has been accrued up to here. */
  public long meteredUntil = NEVER;
  /** Earliest hour not yet closed. */
  public long nextHourToClose = NEVER;
  public int replicaCount;
  /** Time of the latest replica event applied to {@link #replicaCount}: older ones only meter. */
  public long lastReplicaEventAt = NEVER;
  /** Replicas stopped within the event grace, by stop time: a late SCALE_UP must not restart them. */
  public final TreeMap<String, Long> stoppedReplicas = new TreeMap<>();
  public String lastRegion;
  public String lastInstanceType;
  public final TreeMap<String, ReplicaRun> replicas = new TreeMap<>();
  public final MinuteBuckets minutes = new MinuteBuckets();
  public final TreeMap<Long, DayState> days = new TreeMap<>();
  /** Where each rule that is not quiet stands: its lifecycle, open episode and last advice. */
  public final Map<AlertRule, RuleTrack> tracks = new EnumMap<>(AlertRule.class);
  public final Map<ScalingAction, CommandMark> lastCommands = new EnumMap<>(ScalingAction.class);
  public final ArrayDeque<ClosedHour> trailingHours = new ArrayDeque<>();
  /** The hour whose expected values are cached below ({@link #NEVER}: reload from the baselines). */
  public long expectedHour = NEVER;
  /** When BUDGET_FORECAST last projected the day. */
  public long forecastCheckedAt = NEVER;
  /** Expected spend (micro-dollars) and requests of the previous and the current hour; NaN while warming up. */
  public final double[] expectedSpend = {Double.NaN, Double.NaN};
  public final double[] expectedRequests = {Double.NaN, Double.NaN};

  /**
   * Not stored: the engine's sums of the minute buckets in [{@link #earlierMinutesFrom}, {@link
   * #earlierMinutesUntil}), null when not known. Only the engine changes buckets of a state it
   * evaluates, and it forgets these sums when it changes one of those buckets.
   */
  SpanTotals earlierMinutes;
  long earlierMinutesFrom = NEVER;
  long earlierMinutesUntil = NEVER;

  public boolean hasSeenEvents() {
    return clock != NEVER;
  }
}
