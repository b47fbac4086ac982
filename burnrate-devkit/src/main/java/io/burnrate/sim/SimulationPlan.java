package io.burnrate.sim;

import io.burnrate.config.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to simulate: how many endpoints, from when and for how long, with which seed and traffic, and
 * which scenarios where. Immutable; built and validated by {@link #builder()}.
 *
 * <pre>{@code
 * SimulationPlan plan = SimulationPlan.builder().endpoints(24).seed(7)
 *     .start(Instant.parse("2026-11-02T00:00:00Z")).duration(Duration.ofDays(1))
 *     .scenario(Scenario.DEATH_SPIRAL, 5, Instant.parse("2026-11-02T09:00:00Z"), Duration.ofHours(3))
 *     .build();
 * }</pre>
 *
 * Without any {@code scenario(...)} call (and without {@link Builder#noScenarios()}), the plan holds
 * the default mix: see {@link Builder#build()}.
 */
public final class SimulationPlan {
  /** Monday 2026-11-02 00:00 UTC: the default start, so that a run begins with a working week. */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-02T00:00:00Z");
  public static final Duration DEFAULT_DURATION = Duration.ofDays(1);
  public static final int DEFAULT_ENDPOINTS = 24;
  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_PEAK_RATE = 6.0;
  public static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofMinutes(10);
  public static final Duration DEFAULT_BILLING_DELAY_MIN = Duration.ofHours(1);
  public static final Duration DEFAULT_BILLING_DELAY_MAX = Duration.ofHours(2);
  public static final int MAX_ENDPOINTS = 1_000_000;
  public static final Duration MAX_DURATION = Duration.ofDays(366);
  public static final double MAX_PEAK_RATE = 10_000;

  /**
   * Where the default mix puts each scenario: the endpoint index (its instance type comes from a fixed
   * cycle, see the simulator's catalog) and, for BUDGET_OVERRUN, candidates of which the first in UTC
   * is taken so that the window lies within one budget day.
   */
  private static final Map<Scenario, int[]> DEFAULT_PLACES = defaultPlaces();

  private final int endpoints;
  private final long seed;
  private final Instant start;
  private final Duration duration;
  private final double peakRate;
  private final Duration scaleDownDelay;
  private final Duration billingDelayMin;
  private final Duration billingDelayMax;
  private final TopicNames topics;
  private final List<ScenarioWindow> scenarios;
  private final int[] simulated;

  private SimulationPlan(Builder b, List<ScenarioWindow> scenarios, int[] simulated) {
    this.endpoints = b.endpoints;
    this.seed = b.seed;
    this.start = b.start;
    this.duration = b.duration;
    this.peakRate = b.peakRate;
    this.scaleDownDelay = b.scaleDownDelay;
    this.billingDelayMin = b.billingDelayMin;
    this.billingDelayMax = b.billingDelayMax;
    this.topics = b.topics;
    this.scenarios = List.copyOf(scenarios);
    this.simulated = simulated;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int endpoints() {
    return endpoints;
  }

  public long seed() {
    return seed;
  }

  public Instant start() {
    return start;
  }

  public Duration duration() {
    return duration;
  }

  public Instant end() {
    return start.plus(duration);
  }

  long startMs() {
    return start.toEpochMilli();
  }

  long endMs() {
    return end().toEpochMilli();
  }

  /** Requests per second of an average endpoint at its weekday peak (each endpoint draws 0.8-1.2x). */
  public double peakRate() {
    return peakRate;
  }

  public Duration scaleDownDelay() {
    return scaleDownDelay;
  }

  public Duration billingDelayMin() {
    return billingDelayMin;
  }

  public Duration billingDelayMax() {
    return billingDelayMax;
  }

  public TopicNames topics() {
    return topics;
  }

  /** Every scenario window, by start time, then endpoint. */
  public List<ScenarioWindow> scenarios() {
    return scenarios;
  }

  /** The indices of the endpoints simulated, ascending (all of them unless {@link Builder#only} was used). */
  public int[] simulatedIndices() {
    return simulated.clone();
  }

  List<ScenarioWindow> windowsOf(int index) {
    List<ScenarioWindow> out = new ArrayList<>();
    for (ScenarioWindow window : scenarios) {
      if (window.endpointIndex() == index) {
        out.add(window);
      }
    }
    return out;
  }

  private static Map<Scenario, int[]> defaultPlaces() {
    Map<Scenario, int[]> places = new TreeMap<>();
    places.put(Scenario.DEATH_SPIRAL, new int[] {5});
    places.put(Scenario.RUNAWAY_SCALING, new int[] {2});
    places.put(Scenario.BUDGET_OVERRUN, new int[] {3, 8, 0, 6, 1, 12, 15});
    places.put(Scenario.TRAFFIC_SURGE, new int[] {7});
    places.put(Scenario.OVER_PROVISIONED, new int[] {10});
    places.put(Scenario.PRICIER_REGION, new int[] {9});
    return places;
  }

  /** Builds a plan; every setter has a default. Invalid values fail {@link #build()} with a message naming them. */
  public static final class Builder {
    private int endpoints = DEFAULT_ENDPOINTS;
    private long seed = DEFAULT_SEED;
    private Instant start = DEFAULT_START;
    private Duration duration = DEFAULT_DURATION;
    private double peakRate = DEFAULT_PEAK_RATE;
    private Duration scaleDownDelay = DEFAULT_SCALE_DOWN_DELAY;
    private Duration billingDelayMin = DEFAULT_BILLING_DELAY_MIN;
    private Duration billingDelayMax = DEFAULT_BILLING_DELAY_MAX;
    private TopicNames topics = TopicNames.DEFAULTS;
    private final List<Request> requests = new ArrayList<>();
    private boolean noScenarios;
    private int[] only;

    private record Request(Scenario scenario, Integer index, String endpointId, Instant start, Duration duration) {}

    private Builder() {}

    public Builder endpoints(int endpoints) {
      this.endpoints = endpoints;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration");
      return this;
    }

    public Builder peakRate(double requestsPerSecond) {
      this.peakRate = requestsPerSecond;
      return this;
    }

    public Builder scaleDownDelay(Duration delay) {
      this.scaleDownDelay = Objects.requireNonNull(delay, "scaleDownDelay");
      return this;
    }

    /** Bills appear between {@code min} and {@code max} after the end of the hour they cover. */
    public Builder billingDelay(Duration min, Duration max) {
      this.billingDelayMin = Objects.requireNonNull(min, "billing delay min");
      this.billingDelayMax = Objects.requireNonNull(max, "billing delay max");
      return this;
    }

    public Builder topics(TopicNames topics) {
      this.topics = Objects.requireNonNull(topics, "topics");
      return this;
    }

    /** Puts {@code scenario} on endpoint {@code index} over [start, start + duration), clipped to the run. */
    public Builder scenario(Scenario scenario, int index, Instant start, Duration duration) {
      requests.add(new Request(Objects.requireNonNull(scenario, "scenario"), index, null,
          Objects.requireNonNull(start, "start"), Objects.requireNonNull(duration, "duration")));
      return this;
    }

    /**
     * As {@link #scenario(Scenario, int, Instant, Duration)}, naming the endpoint by its id ({@code
     * ep-00005}) or its index as text; null start and duration mean the scenario's default time.
     */
    public Builder scenario(Scenario scenario, String endpoint, Instant start, Duration duration) {
      Objects.requireNonNull(endpoint, "endpoint");
      Integer index = endpoint.trim().matches("\\d{1,9}") ? Integer.valueOf(endpoint.trim()) : null;
      requests.add(new Request(Objects.requireNonNull(scenario, "scenario"), index, index == null ? endpoint : null,
          start, duration));
      return this;
    }

    /** Puts {@code scenario} on endpoint {@code index} at its default time (see {@link Scenario#defaultOffset()}). */
    public Builder scenario(Scenario scenario, int index) {
      requests.add(new Request(Objects.requireNonNull(scenario, "scenario"), index, null, null, null));
      return this;
    }

    /** A healthy fleet: no scenario at all (instead of the default mix). */
    public Builder noScenarios() {
      this.noScenarios = true;
      return this;
    }

    /** Simulates only these endpoints of the fleet; each behaves exactly as in the full fleet. */
    public Builder only(int... indices) {
      this.only = indices.clone();
      return this;
    }

    /**
     * Validates and builds. Without scenarios requested, the default mix is placed on the first twelve
     * endpoints (those that exist): DEATH_SPIRAL on 5 (an A100), RUNAWAY_SCALING on 2 (L4),
     * BUDGET_OVERRUN on the first UTC endpoint of 3, 8, 0, 6, 1, TRAFFIC_SURGE on 7 (T4),
     * OVER_PROVISIONED on 10 (A100) and PRICIER_REGION on 9 (L4), each at its default time.
     *
     * @throws IllegalArgumentException naming the setting, its value and what is allowed
     */
    public SimulationPlan build() {
      List<String> problems = new ArrayList<>();
      if (endpoints < 1 || endpoints > MAX_ENDPOINTS) {
        problems.add("endpoints must be between 1 and " + MAX_ENDPOINTS + ", was " + endpoints);
      }
      if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
        problems.add("duration must be more than 0 and at most " + SimDurations.format(MAX_DURATION) + ", was "
            + duration);
      }
      if (!(peakRate > 0) || peakRate > MAX_PEAK_RATE) {
        problems.add("peak rate must be more than 0 and at most " + MAX_PEAK_RATE + " requests/s, was " + peakRate);
      }
      if (scaleDownDelay.isNegative()) {
        problems.add("scale-down delay must not be negative, was " + scaleDownDelay);
      }
      if (billingDelayMin.isNegative() || billingDelayMax.compareTo(billingDelayMin) < 0) {
        problems.add("billing delay must be 0 or more with min <= max, was " + billingDelayMin + ".."
            + billingDelayMax);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      int[] simulated = simulatedIndices();
      List<ScenarioWindow> windows = new ArrayList<>();
      List<Request> wanted = requests.isEmpty() && !noScenarios ? defaultMix() : requests;
      for (Request request : wanted) {
        windows.add(resolve(request));
      }
      checkOnePerEndpoint(windows);
      windows.sort(Comparator.comparingLong(ScenarioWindow::startMs).thenComparingInt(ScenarioWindow::endpointIndex));
      return new SimulationPlan(this, windows, simulated);
    }

    private int[] simulatedIndices() {
      if (only == null) {
        int[] all = new int[endpoints];
        Arrays.setAll(all, i -> i);
        return all;
      }
      int[] sorted = Arrays.stream(only).distinct().sorted().toArray();
      for (int index : sorted) {
        if (index < 0 || index >= endpoints) {
          throw new IllegalArgumentException("only: endpoint index " + index + " is not in 0.." + (endpoints - 1));
        }
      }
      return sorted;
    }

    private List<Request> defaultMix() {
      List<Request> mix = new ArrayList<>();
      DEFAULT_PLACES.forEach((scenario, candidates) -> {
        for (int index : candidates) {
          if (index >= endpoints) {
            continue;
          }
          boolean utc = FleetGenerator.base(seed, index).zone().normalized().equals(ZoneOffset.UTC);
          if (scenario != Scenario.BUDGET_OVERRUN || utc) {
            mix.add(new Request(scenario, index, null, null, null));
            break;
          }
        }
      });
      return mix;
    }

    private ScenarioWindow resolve(Request request) {
      int index = request.index() != null ? request.index() : SimIds.indexOf(request.endpointId());
      String named = request.index() != null ? String.valueOf(index) : request.endpointId();
      if (index < 0 || index >= endpoints) {
        throw new IllegalArgumentException(request.scenario() + ": endpoint " + named + " is not in this fleet of "
            + endpoints + " (indices 0.." + (endpoints - 1) + ", ids " + SimIds.endpointId(0) + ".."
            + SimIds.endpointId(endpoints - 1) + ")");
      }
      long runStart = start.toEpochMilli();
      long runEnd = start.plus(duration).toEpochMilli();
      long from;
      long to;
      if (request.start() == null || request.duration() == null) {
        // In a run shorter than a day the usual times shrink with it, to whole hours and at least one, so
        // that hourly signatures can show.
        long hour = Duration.ofHours(1).toMillis();
        double scale = Math.min(1.0, (double) duration.toMillis() / Duration.ofDays(1).toMillis());
        long offset = Math.round(request.scenario().defaultOffset().toMillis() * scale);
        long length = Math.round(request.scenario().defaultLength().toMillis() * scale);
        if (scale < 1.0) {
          offset = offset / hour * hour;
          length = Math.max(hour, (length + hour - 1) / hour * hour);
        }
        from = Math.max(runStart, Math.min(runStart + offset, runEnd - length));
        to = from + length;
      } else {
        from = request.start().toEpochMilli();
        to = from + request.duration().toMillis();
      }
      long clippedFrom = Math.max(from, runStart);
      long clippedTo = Math.min(to, runEnd);
      if (clippedTo <= clippedFrom) {
        throw new IllegalArgumentException(request.scenario() + " on endpoint " + named + " ("
            + Instant.ofEpochMilli(from) + " .. " + Instant.ofEpochMilli(to) + ") lies outside the run "
            + start + " .. " + start.plus(duration));
      }
      return new ScenarioWindow(request.scenario(), index, clippedFrom, clippedTo);
    }

    private static void checkOnePerEndpoint(List<ScenarioWindow> windows) {
      for (int i = 0; i < windows.size(); i++) {
        for (int j = i + 1; j < windows.size(); j++) {
          ScenarioWindow a = windows.get(i);
          ScenarioWindow b = windows.get(j);
          if (a.endpointIndex() != b.endpointIndex()) {
            continue;
          }
          if (a.scenario() != b.scenario()) {
            throw new IllegalArgumentException("endpoint " + a.endpointIndex() + " has both " + a.scenario()
                + " and " + b.scenario() + "; put one scenario per endpoint");
          }
          if (a.overlaps(b)) {
            throw new IllegalArgumentException("endpoint " + a.endpointIndex() + " has two " + a.scenario()
                + " windows that overlap (" + a.start() + " and " + b.start() + ")");
          }
        }
      }
    }
  }
}
