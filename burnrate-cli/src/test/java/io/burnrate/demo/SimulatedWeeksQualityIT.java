package io.burnrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.core.Time;
import io.burnrate.engine.EndpointEngine;
import io.burnrate.engine.EndpointSettingsResolver;
import io.burnrate.engine.ClosedHours;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.Events;
import io.burnrate.engine.Outcome;
import io.burnrate.engine.PipelineSettings;
import io.burnrate.engine.SliceAccess;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.rules.RegionalCostVariance;
import io.burnrate.rules.RegionalEpisodes;
import io.burnrate.rules.RegionalHour;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.sim.GroundTruth;
import io.burnrate.sim.Scenario;
import io.burnrate.sim.SimEvent;
import io.burnrate.sim.SimulationPlan;
import io.burnrate.sim.Simulator;
import io.burnrate.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.schema.AlertRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Two simulated weeks with every scenario injected four times on six endpoints and five healthy
 * endpoints, run through the engine and the regional comparison exactly as the topology drives them (events in appearance
 * order, every endpoint moved through each metering step boundary before the record that passes it,
 * late records dropped), scored per rule against the simulator's ground truth, with detection delays
 * measured from the instant the injected traffic met each rule's definition ({@link GroundTruthOnsets}),
 * and the alerts' noise measured ({@link AlertNoise}): an incident pages at most once per rule, INFO
 * advice comes at most once per endpoint, rule and budget day, nothing flaps, and every FIRING is
 * beyond its threshold. Prints the table the README shows, then the noise figures. Run alone with {@code mvn -B verify -pl burnrate-cli
 * -Dit.test=SimulatedWeeksQualityIT -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SimulatedWeeksQualityIT {
  private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
  private static final long DAY = Time.DAY_MS;
  /** Five with scenarios (endpoint 9, an L4, pays a pricier region; 2 and 4 are its L4 peers), six healthy. */
  private static final int ENDPOINTS = 11;
  private static final int DAYS = 14;
  /** Requests per second at an endpoint's weekday peak: enough load that a healthy replica is not idle. */
  private static final double PEAK_RATE = 3.0;
  /** How long after a replica failure its cold replacement may still explain an alert. */
  private static final Duration FAILURE_AFTERMATH = Duration.ofMinutes(10);
  private static final Set<AlertRule> SPEND_AND_COLD_START = EnumSet.of(AlertRule.COLD_START_FREQUENCY,
      AlertRule.HOURLY_SPEND_RATE, AlertRule.DAILY_BUDGET_120, AlertRule.RUNAWAY_SCALING);

  @Test
  void theInjectedAnomaliesAreCaughtQuicklyAndHealthyEndpointsStayQuiet() {
    SimulationPlan.Builder plan = SimulationPlan.builder().endpoints(ENDPOINTS).seed(7).start(MONDAY)
        .duration(Duration.ofDays(DAYS)).peakRate(PEAK_RATE);
    for (int week = 0; week < 2; week++) {
      int d = 7 * week;
      inject(plan, Scenario.DEATH_SPIRAL, 0, d + 1, 9, 3);
      inject(plan, Scenario.DEATH_SPIRAL, 0, d + 4, 14, 3);
      inject(plan, Scenario.BUDGET_OVERRUN, 1, d + 2, 4, 19);
      inject(plan, Scenario.BUDGET_OVERRUN, 1, d + 5, 4, 19);
      inject(plan, Scenario.RUNAWAY_SCALING, 2, d + 1, 13, 2);
      inject(plan, Scenario.RUNAWAY_SCALING, 2, d + 3, 10, 2);
      inject(plan, Scenario.TRAFFIC_SURGE, 3, d + 4, 15, 1);
      inject(plan, Scenario.TRAFFIC_SURGE, 3, d + 6, 11, 1);
      inject(plan, Scenario.OVER_PROVISIONED, 4, d + 2, 6, 12);
      inject(plan, Scenario.OVER_PROVISIONED, 4, d + 5, 6, 12);
      inject(plan, Scenario.PRICIER_REGION, 9, d + 1, 8, 6);
      inject(plan, Scenario.PRICIER_REGION, 9, d + 4, 8, 6);
    }
    Simulator simulator = new Simulator(plan.build());

    Run run = run(simulator);
    List<GroundTruth> truths = simulator.groundTruth();
    List<QualityReport.Row> rows = QualityReport.of(run.alerts, truths, run.onsets);
    System.out.printf("Quality over two simulated weeks (seed 7, %d endpoints at peak rate %.1f/s, each scenario"
        + " four times):%n", ENDPOINTS, PEAK_RATE);
    System.out.print(QualityReport.table(rows));
    List<String> unexplained = unexplained(run, truths);
    System.out.println("FIRING alerts no ground-truth window explains: " + unexplained.size());
    unexplained.forEach(line -> System.out.println("  " + line));
    AlertNoise.Summary noise = AlertNoise.of(run.alerts, truths, DemoReport.DETECTION_SLACK,
        id -> run.zones.getOrDefault(id, ZoneOffset.UTC), ENDPOINTS, DAYS);
    System.out.println("Noise: distinct FIRING ids per ground-truth window (expected rules, and possible or other"
        + " rules that fired in one), days are each endpoint's budget day:");
    System.out.print(noise.table());
    System.out.println("budget-day zones: " + new TreeMap<>(run.zones));

    for (QualityReport.Row row : rows) {
      if (row.windows() == 0) {
        assertThat(row.alerts() == 0 || row.precision() >= 0.90).as("%s %s precision", row.scenario(), row.rule())
            .isTrue();
        continue; // no window's spend reaches this tier: nothing to recall
      }
      assertThat(row.recall()).as("%s %s recall", row.scenario(), row.rule()).isGreaterThanOrEqualTo(0.95);
      assertThat(row.precision()).as("%s %s precision", row.scenario(), row.rule()).isGreaterThanOrEqualTo(0.90);
      if (SPEND_AND_COLD_START.contains(row.rule())) {
        assertThat(row.medianDelayFromOnset()).as("%s %s median delay", row.scenario(), row.rule())
            .isLessThan(Duration.ofMinutes(10));
      }
    }
    List<String> injected = truths.stream().map(GroundTruth::endpointId).distinct().toList();
    assertThat(run.alerts)
        .filteredOn(a -> a.getStatus() == AlertStatus.FIRING && !injected.contains(a.getEndpointId()))
        .as("alerts on healthy endpoints")
        .extracting(a -> a.getEndpointId() + " " + a.getRule() + " " + a.getDetectedAt())
        .isEmpty();

    SoftAssertions noiseTargets = new SoftAssertions();
    noiseTargets.assertThat(noise.repeatedPages()).extracting(AlertNoise.WindowIds::describe)
        .as("an incident pages at most once per rule: ground-truth windows in which one rule fired more than one"
            + " FIRING id on the window's endpoint (%d)", noise.repeatedPages().size())
        .isEmpty();
    noiseTargets.assertThat(noise.repeatedInfo()).extracting(AlertNoise.DayCount::describe)
        .as("INFO advice at most once per endpoint, rule and budget day: (endpoint, rule, day)s with more than one"
            + " INFO FIRING (%d)", noise.repeatedInfo().size())
        .isEmpty();
    noiseTargets.assertThat(noise.flaps()).extracting(AlertNoise.Flap::describe)
        .as("no flaps: FIRINGs less than %d min after a RESOLVED of the same endpoint and rule (%d)",
            AlertNoise.FLAP_GAP.toMinutes(), noise.flaps().size())
        .isEmpty();
    noiseTargets.assertThat(noise.violations()).extracting(AlertNoise.Violation::describe)
        .as("every FIRING beyond its threshold (above; below for LOW_UTILIZATION): FIRINGs that are not (%d)",
            noise.violations().size())
        .isEmpty();
    noiseTargets.assertAll();
  }

  /**
   * FIRING alerts outside every window that expects or permits their rule on their endpoint, each with
   * the random replica failure shortly before it when there was one (its replacement starts cold, and
   * requests queue meanwhile: real, if not injected, trouble).
   */
  private static List<String> unexplained(Run run, List<GroundTruth> truths) {
    List<String> out = new ArrayList<>();
    for (CostAlert a : run.alerts) {
      if (a.getStatus() != AlertStatus.FIRING) {
        continue;
      }
      boolean explained = truths.stream().anyMatch(w -> w.endpointId().equals(a.getEndpointId())
          && (w.expectedRules().contains(a.getRule()) || w.possibleRules().contains(a.getRule()))
          && !a.getDetectedAt().isBefore(w.start())
          && !a.getDetectedAt().isAfter(w.end().plus(Duration.ofHours(2))));
      if (!explained) {
        Instant failed = run.onsets.failureBefore(a.getEndpointId(), a.getDetectedAt(), FAILURE_AFTERMATH);
        out.add(a.getEndpointId() + " " + a.getRule() + " " + a.getSeverity() + " at " + a.getDetectedAt()
            + ": " + a.getMessage() + (failed == null ? "" : " (after a replica failure at " + failed + ")"));
      }
    }
    return out;
  }

  private static void inject(SimulationPlan.Builder plan, Scenario scenario, int endpoint, int day, int hour,
      int hours) {
    plan.scenario(scenario, endpoint, MONDAY.plusMillis(day * DAY + hour * Time.HOUR_MS), Duration.ofHours(hours));
  }

  /** The engine driven as EndpointCostProcessor drives it, without Kafka. */
  private record Run(List<CostAlert> alerts, GroundTruthOnsets onsets, Map<String, ZoneId> zones) {}

  private static Run run(Simulator simulator) {
    PipelineSettings settings = PipelineSettings.defaults();
    EndpointEngine engine = new EndpointEngine(settings);
    EndpointSettingsResolver resolver = new EndpointSettingsResolver(settings);
    Map<String, EndpointSettings> endpoints = new HashMap<>();
    Map<String, EndpointState> states = new TreeMap<>();
    MemorySlices slices = new MemorySlices();
    List<CostAlert> alerts = new ArrayList<>();
    RegionalHours regional = new RegionalHours(new RegionalCostVariance(settings.priceTable(),
        TopologySettings.defaultRegionalSettle(settings).toMillis(), settings.billingGraceMs(),
        RegionalCostVariance.DEFAULT_HYSTERESIS, RegionalCostVariance.DEFAULT_CLEAR_HOURS), alerts);
    GroundTruthOnsets onsets = new GroundTruthOnsets(MONDAY, DAYS);
    long step = settings.meterStepMs();
    long streamTime = Long.MIN_VALUE;
    Long lastTick = null;
    for (Iterator<SimEvent> it = simulator.events(); it.hasNext(); ) {
      Object value = it.next().value();
      if (value instanceof EndpointConfig config) {
        endpoints.put(config.getEndpointId(), resolver.resolve(config.getEndpointId(), config));
        onsets.config(config);
        continue;
      }
      long t = eventTime(value);
      long boundary = Math.floorDiv(t, step) * step;
      if (lastTick == null || boundary > lastTick) {
        if (lastTick != null) {
          for (long b = lastTick + step; b <= boundary; b += step) {
            for (Map.Entry<String, EndpointState> e : states.entrySet()) {
              EndpointSettings endpoint = endpoints.get(e.getKey());
              Outcome outcome = engine.onTick(e.getValue(), endpoint, b, slices, false);
              collect(alerts, outcome);
              regional.closed(endpoint, e.getValue(), outcome, slices, Math.max(streamTime, b));
            }
            regional.settle(b);
          }
        }
        lastTick = boundary;
      }
      long grace = value instanceof BillingEvent ? settings.billingGraceMs() : settings.eventGraceMs();
      if (streamTime != Long.MIN_VALUE && t < streamTime - grace) {
        continue; // late: the topology dead-letters it
      }
      streamTime = Math.max(streamTime, t);
      String id = endpointOf(value);
      EndpointState state = states.computeIfAbsent(id, k -> new EndpointState());
      EndpointSettings endpoint = endpoints.computeIfAbsent(id, k -> resolver.resolve(k, null));
      Outcome outcome = null;
      if (value instanceof InferenceRequest r) {
        outcome = engine.onRequest(state, endpoint, Events.of(r), slices, false);
      } else if (value instanceof ReplicaEvent e && e.getType() != ReplicaEventType.UNKNOWN) {
        onsets.replica(e);
        outcome = engine.onReplica(state, endpoint, Events.of(e), slices, false);
      } else if (value instanceof BillingEvent b) {
        outcome = engine.onLineItem(state, endpoint, Events.of(b), null, slices, false);
      }
      if (outcome != null) {
        collect(alerts, outcome);
        regional.closed(endpoint, state, outcome, slices, streamTime);
      }
    }
    onsets.finish(MONDAY.plusMillis(DAYS * DAY).toEpochMilli());
    Map<String, ZoneId> zones = new HashMap<>();
    endpoints.forEach((id, endpoint) -> zones.put(id, endpoint.zone()));
    return new Run(alerts, onsets, zones);
  }

  private static void collect(List<CostAlert> alerts, Outcome outcome) {
    alerts.addAll(outcome.alerts);
  }

  private static long eventTime(Object value) {
    if (value instanceof InferenceRequest r) {
      return r.getTimestamp().toEpochMilli();
    }
    if (value instanceof ReplicaEvent e) {
      return e.getTimestamp().toEpochMilli();
    }
    return ((BillingEvent) value).getUsageEnd().toEpochMilli();
  }

  private static String endpointOf(Object value) {
    if (value instanceof InferenceRequest r) {
      return r.getEndpointId();
    }
    if (value instanceof ReplicaEvent e) {
      return e.getEndpointId();
    }
    return ((BillingEvent) value).getEndpointId();
  }

  /**
   * REGIONAL_COST_VARIANCE as RegionalVarianceProcessor runs it, for the whole fleet at once: each
   * endpoint's closed hours, compared per instance type once every endpoint has moved past them.
   */
  private static final class RegionalHours {
    private final RegionalCostVariance variance;
    private final List<CostAlert> alerts;
    /** By hour, then instance type: the order the processor settles them in. */
    private final TreeMap<String, RegionalHour> hours = new TreeMap<>();
    private final RegionalEpisodes episodes = RegionalEpisodes.inMemory();
    private long settledTime = Long.MIN_VALUE;

    RegionalHours(RegionalCostVariance variance, List<CostAlert> alerts) {
      this.variance = variance;
      this.alerts = alerts;
    }

    void closed(EndpointSettings settings, EndpointState state, Outcome outcome, SliceAccess slices, long at) {
      for (long hourStart : outcome.closedHours) {
        EndpointHour figures = ClosedHours.figures(settings, state, hourStart, slices);
        if (figures == null || settledTime >= variance.forgottenAt(hourStart)) {
          continue;
        }
        RegionalHour hour = hours.computeIfAbsent(String.format("%020d %s", hourStart, figures.instanceType()),
            k -> new RegionalHour(figures.instanceType(), hourStart));
        alerts.addAll(variance.onFigures(hour, figures, at, episodes));
      }
    }

    void settle(long time) {
      settledTime = time;
      for (Iterator<RegionalHour> it = hours.values().iterator(); it.hasNext(); ) {
        RegionalHour hour = it.next();
        alerts.addAll(variance.onSettled(hour, time, episodes));
        if (variance.forgotten(hour, time)) {
          it.remove();
        }
      }
      alerts.addAll(variance.settleEpisodes(episodes, time));
    }
  }

  private static final class MemorySlices implements SliceAccess {
    private final Map<String, TreeMap<Long, SliceStats>> slices = new HashMap<>();
    private final Map<String, byte[]> baselines = new HashMap<>();

    @Override
    public SliceStats get(String endpointId, long sliceStart) {
      TreeMap<Long, SliceStats> own = slices.get(endpointId);
      return own == null ? null : own.get(sliceStart);
    }

    @Override
    public void put(String endpointId, SliceStats stats) {
      TreeMap<Long, SliceStats> own = slices.computeIfAbsent(endpointId, k -> new TreeMap<>());
      own.put(stats.sliceStart, stats);
      own.headMap(stats.sliceStart - 8 * DAY).clear();
    }

    @Override
    public byte[] baselines(String endpointId) {
      return baselines.get(endpointId);
    }

    @Override
    public void putBaselines(String endpointId, byte[] bytes) {
      baselines.put(endpointId, bytes);
    }
  }
}
