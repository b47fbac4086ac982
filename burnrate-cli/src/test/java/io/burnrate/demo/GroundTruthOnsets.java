package io.burnrate.demo;

import io.burnrate.core.Time;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.sim.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When the injected traffic first met each rule's own definition, counted straight from the input
 * events with the rules' own arithmetic (replicas cost their hourly price from SCALE_UP to SCALE_DOWN or
 * FAILED, a cold start its model download) rather than with the engine's code: the eleventh cold
 * start within 60 minutes, the first replica above the expected maximum, the first minute whose
 * trailing 60 minutes cost more than budget / 24, the first minute the budget day passes a tier.
 */
final class GroundTruthOnsets implements QualityReport.Onsets {
  private static final double TRANSFER_USD_PER_GB = 0.09;
  private static final long MINUTE = Time.MINUTE_MS;

  private final long origin;
  private final Map<String, EndpointConfig> configs = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> recentColdStarts = new HashMap<>();
  private final Map<String, List<Long>> coldStartCrossings = new HashMap<>();
  private final Map<String, List<Long>> runawayEvents = new HashMap<>();
  /** Replica failures the simulator draws at random, outside any scenario. */
  private final Map<String, List<Long>> failures = new HashMap<>();
  private final Map<String, Map<String, Long>> running = new HashMap<>();
  /** Per endpoint, spend per minute since {@code origin}, in dollars. */
  private final Map<String, double[]> spendPerMinute = new HashMap<>();
  private final int minutes;

  GroundTruthOnsets(Instant origin, int days) {
    this.origin = origin.toEpochMilli();
    this.minutes = days * 24 * 60 + 24 * 60;
  }

  void config(EndpointConfig config) {
    configs.put(config.getEndpointId(), config);
  }

  void replica(ReplicaEvent e) {
    String id = e.getEndpointId();
    EndpointConfig config = configs.get(id);
    long t = e.getTimestamp().toEpochMilli();
    Map<String, Long> replicas = running.computeIfAbsent(id, k -> new HashMap<>());
    if (e.getType() == ReplicaEventType.FAILED) {
      failures.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
    }
    if (e.getType() == ReplicaEventType.SCALE_UP) {
      replicas.putIfAbsent(e.getReplicaId(), t);
      if (config != null && e.getReplicasAfter() > config.getExpectedMaxReplicas()) {
        runawayEvents.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
      }
      if (e.getColdStart()) {
        double gb = e.getModelSizeGb() != null ? e.getModelSizeGb()
            : config != null && config.getModelSizeGb() != null ? config.getModelSizeGb() : 0;
        add(id, t, t, gb * TRANSFER_USD_PER_GB);
        countColdStart(id, t);
      }
    } else if (e.getType() == ReplicaEventType.SCALE_DOWN || e.getType() == ReplicaEventType.FAILED) {
      Long since = replicas.remove(e.getReplicaId());
      if (since != null && config != null && config.getHourlyPriceUsd() != null) {
        add(id, since, t, config.getHourlyPriceUsd() * (t - since) / Time.HOUR_MS);
      }
    }
  }

  /** Charges the replicas still running at {@code end}, the end of the run. */
  void finish(long end) {
    running.forEach((id, replicas) -> {
      EndpointConfig config = configs.get(id);
      if (config != null && config.getHourlyPriceUsd() != null) {
        replicas.forEach((replica, since) -> add(id, since, end, config.getHourlyPriceUsd() * (end - since) / Time.HOUR_MS));
      }
      replicas.clear();
    });
  }

  private void countColdStart(String id, long t) {
    ArrayDeque<Long> times = recentColdStarts.computeIfAbsent(id, k -> new ArrayDeque<>());
    times.addLast(t);
    while (times.peekFirst() <= t - Time.HOUR_MS) {
      times.removeFirst();
    }
    if (times.size() > RuleCatalog.of(AlertRule.COLD_START_FREQUENCY).defaultThreshold()) {
      coldStartCrossings.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
    }
  }

  /** Spreads {@code usd} evenly over [from, to] by minute (all of it in one minute when from == to). */
  private void add(String id, long from, long to, double usd) {
    double[] perMinute = spendPerMinute.computeIfAbsent(id, k -> new double[minutes]);
    int first = minuteIndex(from);
    int last = minuteIndex(Math.max(from, to - 1));
    if (first < 0 || last >= minutes) {
      return;
    }
    if (first == last) {
      perMinute[first] += usd;
      return;
    }
    double perMs = usd / (to - from);
    for (int m = first; m <= last; m++) {
      long start = Math.max(from, origin + m * MINUTE);
      long end = Math.min(to, origin + (m + 1) * MINUTE);
      perMinute[m] += perMs * (end - start);
    }
  }

  private int minuteIndex(long t) {
    return (int) Math.floorDiv(t - origin, MINUTE);
  }

  /** The last replica failure of the endpoint in the {@code within} before {@code t}, if any. */
  Instant failureBefore(String endpointId, Instant t, Duration within) {
    long end = t.toEpochMilli();
    long start = end - within.toMillis();
    Instant last = null;
    for (long failed : failures.getOrDefault(endpointId, List.of())) {
      if (failed >= start && failed <= end) {
        last = Instant.ofEpochMilli(failed);
      }
    }
    return last;
  }

  @Override
  public Instant onset(GroundTruth window, AlertRule rule) {
    String id = window.endpointId();
    long start = window.start().toEpochMilli();
    long end = window.end().toEpochMilli();
    return switch (rule) {
      case COLD_START_FREQUENCY -> firstIn(coldStartCrossings.get(id), start, end);
      case RUNAWAY_SCALING -> firstIn(runawayEvents.get(id), start, end);
      case HOURLY_SPEND_RATE -> firstMinuteOverHourlyRate(id, start, end);
      case DAILY_BUDGET_120, DAILY_BUDGET_150, DAILY_BUDGET_200 -> firstMinuteOverTier(id, start, end,
          RuleCatalog.of(rule).defaultThreshold());
      // The rule judges closed clock hours: it is met when the window's first whole hour ends.
      case REGIONAL_COST_VARIANCE -> Instant.ofEpochMilli(Time.hourStart(start + Time.HOUR_MS - 1) + Time.HOUR_MS);
      default -> null;
    };
  }

  private static Instant firstIn(List<Long> times, long start, long end) {
    if (times == null) {
      return null;
    }
    return times.stream().filter(t -> t >= start && t <= end).findFirst().map(Instant::ofEpochMilli).orElse(null);
  }

  private Instant firstMinuteOverHourlyRate(String id, long start, long end) {
    double[] perMinute = spendPerMinute.get(id);
    EndpointConfig config = configs.get(id);
    if (perMinute == null || config == null) {
      return null;
    }
    double limit = config.getDailyBudgetUsd() / 24;
    for (int m = minuteIndex(start); m <= minuteIndex(end) && m < minutes; m++) {
      double trailing = 0;
      for (int k = Math.max(0, m - 59); k <= m; k++) {
        trailing += perMinute[k];
      }
      if (trailing > limit) {
        return Instant.ofEpochMilli(origin + m * MINUTE);
      }
    }
    return null;
  }

  private Instant firstMinuteOverTier(String id, long start, long end, double tier) {
    double[] perMinute = spendPerMinute.get(id);
    EndpointConfig config = configs.get(id);
    if (perMinute == null || config == null) {
      return null;
    }
    ZoneId zone = ZoneId.of(config.getTimezone());
    double limit = config.getDailyBudgetUsd() * tier;
    for (long day = Time.dayStart(start, zone); day <= end; day = Time.dayEnd(day, zone)) {
      double spent = 0;
      int from = Math.max(0, minuteIndex(day));
      int to = Math.min(minutes - 1, minuteIndex(Time.dayEnd(day, zone)) - 1);
      for (int m = from; m <= to; m++) {
        spent += perMinute[m];
        long t = origin + m * MINUTE;
        if (spent > limit && t >= start && t <= end) {
          return Instant.ofEpochMilli(t);
        }
      }
    }
    return null;
  }
}
