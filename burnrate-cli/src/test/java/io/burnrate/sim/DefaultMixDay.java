package io.burnrate.sim;

/**
 * One simulated day of the default scenario mix on the endpoints it touches, plus a healthy L4 (4),
 * measured once for the tests that read it (the figures are immutable once computed).
 */
final class DefaultMixDay {
  static final int RUNAWAY = 2;
  static final int OVERRUN = 3;
  static final int HEALTHY_L4 = 4;
  static final int SPIRAL = 5;
  static final int SURGE = 7;
  static final int PRICIER = 9;
  static final int OVER_PROVISIONED = 10;

  static final SimulationPlan PLAN = SimulationPlan.builder().endpoints(12)
      .only(RUNAWAY, OVERRUN, HEALTHY_L4, SPIRAL, SURGE, PRICIER, OVER_PROVISIONED).build();
  static final Simulator SIMULATOR = new Simulator(PLAN);
  static final FleetStats STATS = FleetStats.of(PLAN, SIMULATOR.events());

  private DefaultMixDay() {}

  static FleetStats.EndpointStats endpoint(int index) {
    return STATS.endpoint(SimIds.endpointId(index));
  }

  static GroundTruth truth(Scenario scenario) {
    return SIMULATOR.groundTruth().stream().filter(t -> t.scenario() == scenario).findFirst()
        .orElseThrow(() -> new AssertionError("no ground truth for " + scenario));
  }
}
