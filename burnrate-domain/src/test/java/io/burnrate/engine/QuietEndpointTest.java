package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.core.Money;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import org.junit.jupiter.api.Test;

/**
 * An endpoint whose eight replicas run all day without a single new event: only stream-time ticks
 * move its meter, and the 120 % line is alerted within one tick of when it is really crossed.
 */
class QuietEndpointTest {
  private static final long MIDNIGHT = at("2025-06-02T00:00:00Z");
  private static final long TICK = Fixtures.MINUTE;
  private static final int REPLICAS = 8;

  private static EngineRun eightReplicasFromMidnight(Fixtures.EndpointBuilder endpoint) {
    EngineRun run = new EngineRun(endpoint.expectedMaxReplicas(REPLICAS).build());
    for (int i = 1; i <= REPLICAS; i++) {
      run.replica(scaleUp("r" + i, MIDNIGHT).after(i)
          .instance(run.endpoint().instanceType(), run.endpoint().region()));
    }
    run.ticks(MIDNIGHT, MIDNIGHT + 20 * Fixtures.HOUR, TICK);
    return run;
  }

  /** The instant after which metered spend is above the line: price x replicas x time = line. */
  private static long trueCrossing(long lineMicros, long microsPerReplicaHour) {
    return MIDNIGHT + Math.floorDiv(lineMicros * Fixtures.HOUR, REPLICAS * microsPerReplicaHour);
  }

  private static void assertAlertedWithinOneTickOf(EngineRun run, long crossing) {
    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).singleElement().satisfies(alert -> {
      long detected = alert.getDetectedAt().toEpochMilli();
      assertThat(detected).isGreaterThan(crossing).isLessThanOrEqualTo(crossing + TICK);
      assertThat(alert.getMessage()).contains("metered");
    });
  }

  @Test
  void eightL4ReplicasCrossTheLineMidMinute() {
    // $97 budget, line $116.40; 8 x $1.20/h = $9.60/h: crossed at 12:07:30.
    EngineRun run = eightReplicasFromMidnight(endpoint().budget(97.0).price(1.20));

    long crossing = trueCrossing(Money.micros(97.0 * 1.2), Money.micros(1.20));
    assertThat(crossing).isEqualTo(at("2025-06-02T12:07:30Z"));
    assertAlertedWithinOneTickOf(run, crossing);
  }

  @Test
  void lineReachedExactlyOnATickFiresOnTheNextTick() {
    // $100 budget, line $120 = 12.5 h of $9.60/h: at 12:30 spend equals the line, above it after.
    EngineRun run = eightReplicasFromMidnight(endpoint().budget(100.0).price(1.20));

    CostAlert alert = run.alerts(AlertRule.DAILY_BUDGET_120).get(0);
    assertThat(alert.getDetectedAt().toEpochMilli()).isEqualTo(at("2025-06-02T12:31:00Z"));
  }

  @Test
  void pricedFromThePriceTable() {
    // T4 in us-west-2: $0.50 x 1.1 = $0.55/h; 8 replicas $4.40/h; $50 budget, line $60.
    EngineRun run = eightReplicasFromMidnight(endpoint().budget(50.0).price(null).instance("nvidia-t4", "us-west-2"));
    assertThat(run.state.replicas.values()).allSatisfy(replica -> assertThat(replica.microsPerHour).isEqualTo(550_000));

    assertAlertedWithinOneTickOf(run, trueCrossing(60_000_000, 550_000));
  }
}
