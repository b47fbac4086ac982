package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.instantBill;
import static io.burnrate.engine.Fixtures.lineItem;
import static io.burnrate.engine.Fixtures.scaleDown;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.meter.Category;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.BillingCategory;
import org.junit.jupiter.api.Test;

/** Billed spend, split pro rata, and the rule of the larger: per category max(metered, billed). */
class BillingTest {
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long H11 = at("2025-06-02T11:00:00Z");
  private static final long H12 = at("2025-06-02T12:00:00Z");
  private static final long H13 = at("2025-06-02T13:00:00Z");
  private static final long MIN = Fixtures.MINUTE;
  private static final String DAY = "2025-06-02";

  @Test
  void lineItemOverThreeHoursIsSplitProRataAndTheSharesSumExactly() {
    EngineRun run = new EngineRun(endpoint().build());

    run.bill(lineItem("li-1", H10, H13, 10.0));

    assertThat(run.billed(H10)).isEqualTo(3_333_333);
    assertThat(run.billed(H11)).isEqualTo(3_333_333);
    assertThat(run.billed(H12)).isEqualTo(3_333_334);
    assertThat(run.billed(H10) + run.billed(H11) + run.billed(H12)).isEqualTo(10_000_000);
    assertThat(run.daySpend(DAY)).isEqualTo(10_000_000);
  }

  @Test
  void lineItemNotAlignedToHoursIsSplitByTheTimeInEachHour() {
    EngineRun run = new EngineRun(endpoint().build());

    run.bill(lineItem("li-1", H10 + 20 * MIN, H13 + 20 * MIN, 9.0));

    assertThat(run.billed(H10)).isEqualTo(2_000_000); // 40 of 180 minutes
    assertThat(run.billed(H11)).isEqualTo(3_000_000);
    assertThat(run.billed(H12)).isEqualTo(3_000_000);
    assertThat(run.billed(H13)).isEqualTo(1_000_000);
  }

  @Test
  void instantLineItemLandsWhollyInItsHour() {
    EngineRun run = new EngineRun(endpoint().build());

    run.bill(instantBill("li-1", H11 + 59 * MIN, 4.25));

    assertThat(run.billed(H11)).isEqualTo(4_250_000);
    assertThat(run.billed(H12)).isZero();
  }

  @Test
  void correctionReplacesTheEarlierAmount() {
    EngineRun run = new EngineRun(endpoint().build());
    run.bill(lineItem("li-1", H10, H12, 5.0));

    run.correct(lineItem("li-1", H10, H12, 5.0), lineItem("li-1", H10, H12, 3.0));

    assertThat(run.billed(H10)).isEqualTo(1_500_000);
    assertThat(run.billed(H11)).isEqualTo(1_500_000);
    assertThat(run.daySpend(DAY)).isEqualTo(3_000_000);
  }

  @Test
  void billEqualToTheMeteredEstimateChangesNoDailyTotalAndNoAlert() {
    EngineRun run = meteredHourOfOneReplica(endpoint().budget(0.90)); // 120 % line at $1.08
    assertThat(run.alerts(AlertRule.DAILY_BUDGET_120)).hasSize(1);
    int alertsBefore = run.alerts.size();

    Outcome outcome = run.bill(lineItem("li-1", H10, H11, 1.20));

    assertThat(run.daySpend(DAY)).isEqualTo(1_200_000);
    assertThat(run.visible(H10)).isEqualTo(1_200_000);
    assertThat(outcome.alerts).isEmpty();
    assertThat(run.alerts).hasSize(alertsBefore);
  }

  @Test
  void billBelowTheMeteredEstimateAddsNothing() {
    EngineRun run = meteredHourOfOneReplica(endpoint());

    run.bill(lineItem("li-1", H10, H11, 0.90));

    assertThat(run.daySpend(DAY)).isEqualTo(1_200_000);
  }

  @Test
  void billAboveTheMeteredEstimateRaisesTheDailyTotal() {
    EngineRun run = meteredHourOfOneReplica(endpoint());

    run.bill(lineItem("li-1", H10, H11, 1.50));

    assertThat(run.daySpend(DAY)).isEqualTo(1_500_000);
    assertThat(run.visible(H10)).isEqualTo(1_500_000);
    assertThat(run.hour(H10).meteredMicros()).isEqualTo(1_200_000);
    assertThat(run.hour(H10).billedMicros()).isEqualTo(1_500_000);
  }

  @Test
  void largerOfMeteredAndBilledIsTakenPerCategory() {
    EngineRun run = new EngineRun(endpoint().build());
    run.replica(scaleUp("r1", H10).coldStart()); // $2.34 transfer metered
    run.replica(scaleDown("r1", H11));
    run.tick(H11);

    run.bill(lineItem("li-compute", H10, H11, 1.50)); // above the metered $1.20
    run.bill(instantBill("li-transfer", H10, 2.00).category(BillingCategory.COLD_START_TRANSFER)); // below $2.34

    assertThat(run.visible(H10)).isEqualTo(1_500_000 + 2_340_000);
    assertThat(run.daySpend(DAY)).isEqualTo(1_500_000 + 2_340_000);
  }

  @Test
  void egressStorageAndOtherAreBilledOnlyAndAddToTheMeteredCompute() {
    EngineRun run = meteredHourOfOneReplica(endpoint());

    run.bill(lineItem("li-egress", H10, H11, 0.40).category(BillingCategory.EGRESS));
    run.bill(lineItem("li-storage", H10, H11, 0.10).category(BillingCategory.STORAGE));
    run.bill(instantBill("li-other", H10, 0.05).category(BillingCategory.OTHER));

    assertThat(run.hour(H10).billed[Category.EGRESS]).isEqualTo(400_000);
    assertThat(run.daySpend(DAY)).isEqualTo(1_200_000 + 400_000 + 100_000 + 50_000);
  }

  /** One replica at $1.20/h metered over 10:00-11:00 and stopped. */
  private static EngineRun meteredHourOfOneReplica(Fixtures.EndpointBuilder endpoint) {
    EngineRun run = new EngineRun(endpoint.build());
    run.replica(scaleUp("r1", H10));
    run.replica(scaleDown("r1", H11));
    assertThat(run.daySpend(DAY)).isEqualTo(1_200_000);
    return run;
  }
}
