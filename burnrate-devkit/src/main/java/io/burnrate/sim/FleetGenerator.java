package io.burnrate.sim;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.schema.Criticality;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws endpoint i of a plan: instance type (a fixed cycle), region, time zone, model size, traffic,
 * owner and criticality from a random stream seeded by (seed, i) alone; then applies the endpoint's
 * scenario and sizes replica limits and the daily budget from the expected spend, so that a healthy
 * endpoint spends about half to two thirds of its budget and never more than budget/24 in an hour.
 */
final class FleetGenerator {
  /** A healthy endpoint's busiest day spends at most this share of its budget. */
  static final double DAY_SHARE = 0.62;
  /**
   * Its busiest hour, estimated at 30 % more load than usual (three times the traffic noise), with two
   * cold starts, stays under this share of budget/24.
   */
  static final double HOUR_SHARE = 0.8;
  static final double HOUR_LOAD_MARGIN = 1.3;
  static final double OVERRUN_LOAD_MARGIN = 1.5;
  static final int EXPECTED_MAX_HEADROOM = 2;
  /** No cap while sizing: the estimate finds how many replicas the load wants. */
  private static final int SIZING_MAX_REPLICAS = 1_000;
  /** Replica-equivalents at the weekday peak aimed for (before the service-time clamp). */
  static final double MIN_PEAK_LOAD = 1.2;
  static final double MAX_PEAK_LOAD = 1.8;
  static final double MIN_SERVICE_MS = 40;
  static final double MAX_SERVICE_MS = 220;
  /** Quiet-hour utilization a second permanent replica must keep (LOW_UTILIZATION fires under 10 %). */
  static final double QUIET_UTILIZATION_FLOOR = 0.12;

  private static final List<String> OWNERS = List.of(
      "search-relevance", "support-bots", "ml-platform", "recsys", "vision", "ads-ranking", "doc-ai", "speech");
  private static final double[] UTC_SHARE = {0.7, 0.3};
  private static final LocalDate REFERENCE_MONDAY = LocalDate.of(2026, 11, 2);

  private final SimulationPlan plan;

  FleetGenerator(SimulationPlan plan) {
    this.plan = plan;
  }

  /** The draws of endpoint {@code index} that do not depend on its scenario. */
  record Base(
      String region, ZoneId zone, double modelGb, double rateFactor, double aimedLoad, String owner,
      Criticality criticality, boolean allowShutdown, String fallback, long runSeed) {}

  static Base base(long seed, int index) {
    SplittableRandom root = new SplittableRandom(Randoms.endpointSeed(seed, index));
    SplittableRandom draw = root.split();
    long runSeed = root.nextLong();
    InstanceCatalog.InstanceType type = InstanceCatalog.typeFor(index);
    String region = InstanceCatalog.REGIONS.get(Randoms.weighted(draw, InstanceCatalog.REGION_WEIGHTS));
    ZoneId zone = zoneFor(region, draw);
    double modelGb = Math.round(Randoms.uniform(draw, type.minModelGb(), type.maxModelGb()) * 10) / 10.0;
    double rateFactor = Randoms.uniform(draw, 0.8, 1.2);
    double aimedLoad = Randoms.uniform(draw, MIN_PEAK_LOAD, MAX_PEAK_LOAD);
    String owner = OWNERS.get(draw.nextInt(OWNERS.size()));
    Criticality criticality = draw.nextDouble() < 0.3 ? Criticality.CRITICAL : Criticality.NON_CRITICAL;
    boolean allowShutdown = criticality == Criticality.CRITICAL && draw.nextBoolean();
    String fallback = index > 0 && draw.nextDouble() < 0.3 ? SimIds.endpointId(index - 1) : null;
    return new Base(region, zone, modelGb, rateFactor, aimedLoad, owner, criticality, allowShutdown, fallback,
        runSeed);
  }

  EndpointProfile profile(int index) {
    Base base = base(plan.seed(), index);
    List<ScenarioWindow> windows = plan.windowsOf(index);
    Scenario scenario = windows.isEmpty() ? null : windows.get(0).scenario();

    InstanceCatalog.InstanceType type = InstanceCatalog.typeFor(index);
    String region = base.region();
    ZoneId zone = base.zone();
    double modelGb = base.modelGb();
    double peakRate = plan.peakRate() * base.rateFactor();
    double aimedLoad = base.aimedLoad();
    double serviceMs = Math.max(MIN_SERVICE_MS, Math.min(MAX_SERVICE_MS, aimedLoad / peakRate * 1000));
    double peakLoad = peakRate * serviceMs / 1000;
    int minReplicas = peakLoad * TrafficShape.quietest() / 2 >= QUIET_UTILIZATION_FLOOR ? 2 : 1;
    String owner = base.owner();
    Criticality criticality = base.criticality();
    boolean allowShutdown = base.allowShutdown();
    String fallback = base.fallback();
    long runSeed = base.runSeed();

    if (scenario != null) {
      // Scenario endpoints are the ones automation may act on.
      criticality = Criticality.NON_CRITICAL;
      allowShutdown = false;
    }
    if (scenario == Scenario.DEATH_SPIRAL) {
      minReplicas = 0;
    }
    if (scenario == Scenario.PRICIER_REGION) {
      region = InstanceCatalog.PRICIER_REGION;
    }
    long price = InstanceCatalog.priceMicros(type, region);
    ScenarioEffects effects = new ScenarioEffects(windows);

    long delay = plan.scaleDownDelay().toMillis();
    long transfer = InstanceCatalog.transferMicros(modelGb);
    ScenarioEffects sizingEffects = scenario == Scenario.PRICIER_REGION
        ? new ScenarioEffects(List.of(new ScenarioWindow(Scenario.PRICIER_REGION, index, Long.MIN_VALUE / 4,
            Long.MAX_VALUE / 4)))
        : ScenarioEffects.NONE;
    CostEstimator.Model sizing =
        new CostEstimator.Model(peakLoad, zone, minReplicas, SIZING_MAX_REPLICAS, price, transfer, delay, sizingEffects);
    // A working day is the busiest of the week (weekends are quieter everywhere).
    long dayStart = Time.dayStart(REFERENCE_MONDAY, zone);
    long dayEnd = Time.dayEnd(dayStart, zone);
    CostEstimator.Estimate usual = CostEstimator.estimate(sizing, dayStart, dayEnd, 1.0);
    CostEstimator.Estimate busy = CostEstimator.estimate(sizing, dayStart, dayEnd, HOUR_LOAD_MARGIN);
    int peakReplicas = busy.peakReplicas();
    if (scenario == Scenario.BUDGET_OVERRUN) {
      // The owner planned for this endpoint to scale (with room for its noise), not for what it will cost.
      peakReplicas = CostEstimator.estimate(sizing, dayStart, dayEnd,
          OVERRUN_LOAD_MARGIN * ScenarioEffects.BUDGET_OVERRUN_RATE * ScenarioEffects.BUDGET_OVERRUN_WORK)
          .peakReplicas();
    }
    int expectedMax = Math.max(peakReplicas, 1) + EXPECTED_MAX_HEADROOM;
    if (scenario == Scenario.DEATH_SPIRAL) {
      // A burst wakes as many replicas as it needs: that many are expected, not a runaway.
      expectedMax = Math.max(expectedMax,
          1 + (int) Math.ceil(ScenarioEffects.SPIRAL_BURST_LOAD / Autoscaler.TARGET_AFTER_SCALE_UP));
    }
    int maxReplicas = 2 * expectedMax + 2;
    // The busiest count for a whole hour, plus a scale-up's and a failed replica's cold starts.
    long busiestHour = Math.max(busy.maxHourMicros(),
        Math.round(busy.peakReplicas() * price * sizingEffects.billingFactor(dayStart))) + 2 * transfer;
    double budgetUsd = Math.max(
        Money.usd(usual.maxDayMicros()) / DAY_SHARE,
        Money.usd(busiestHour) * 24 / HOUR_SHARE);
    long budget = Money.micros(roundUpTwoDigits(budgetUsd));

    return new EndpointProfile(index, SimIds.endpointId(index), owner, criticality, allowShutdown, fallback, type,
        region, zone, modelGb, price, serviceMs, peakRate, minReplicas, maxReplicas, expectedMax, budget, effects,
        runSeed);
  }

  private static ZoneId zoneFor(String region, SplittableRandom draw) {
    if (Randoms.weighted(draw, UTC_SHARE) == 0) {
      return ZoneId.of("UTC");
    }
    boolean first = draw.nextBoolean();
    return ZoneId.of(switch (region) {
      case "us-east-1" -> first ? "America/New_York" : "America/Chicago";
      case "us-west-2" -> first ? "America/Los_Angeles" : "America/Denver";
      case "eu-west-1" -> first ? "Europe/Dublin" : "Europe/Berlin";
      default -> first ? "Asia/Singapore" : "Asia/Kolkata";
    });
  }

  /** Rounds up to two significant digits: 37.4 -> 38, 1234 -> 1300, 4.33 -> 4.4. */
  static double roundUpTwoDigits(double usd) {
    if (usd <= 0) {
      return 1;
    }
    double scale = Math.pow(10, Math.floor(Math.log10(usd)) - 1);
    return Math.ceil(usd / scale - 1e-9) * scale;
  }
}
