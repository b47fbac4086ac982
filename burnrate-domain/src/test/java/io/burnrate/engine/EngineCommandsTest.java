package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.instantBill;
import static io.burnrate.engine.Fixtures.scaleDown;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.rules.LifecycleSettings;
import io.burnrate.rules.RuleLifecycles;
import io.burnrate.schema.AlertRule;
import java.util.Map;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The command policy as the engine applies it: eligibility, cooldown of event time, dry run. */
class EngineCommandsTest {
  private static final long H10 = at("2025-06-02T10:00:00Z");
  private static final long MIN = Fixtures.MINUTE;

  @Test
  void criticalEndpointIsAlertedButNeverScaled() {
    EngineRun run = new EngineRun(endpoint().critical().budget(10.0).fallback("ep-small").build());

    run.bill(instantBill("li-1", H10, 12.50));
    run.bill(instantBill("li-2", H10 + MIN, 3.00));
    run.bill(instantBill("li-3", H10 + 2 * MIN, 5.00));

    assertThat(run.alerts(AlertRule.DAILY_BUDGET_200)).hasSize(1);
    assertThat(run.commands).isEmpty();
  }

  @Test
  void criticalEndpointAllowingEmergencyShutdownGetsOnlyTheShutdown() {
    EngineRun run = new EngineRun(
        endpoint().critical().allowEmergencyShutdown().budget(10.0).fallback("ep-small").build());

    run.bill(instantBill("li-1", H10, 12.50));
    run.bill(instantBill("li-2", H10 + MIN, 3.00));
    run.bill(instantBill("li-3", H10 + 2 * MIN, 5.00));

    assertThat(run.commands).extracting(ScalingCommand::getAction).containsExactly(ScalingAction.SHUTDOWN);
  }

  @Test
  void endpointWithoutAConfigRecordIsAlertedButNeverScaled() {
    EngineRun run = new EngineRun(endpoint().unconfigured().allowEmergencyShutdown().budget(10.0).build());

    run.bill(instantBill("li-1", H10, 25.00));

    assertThat(run.alerts(AlertRule.DAILY_BUDGET_200)).singleElement()
        .satisfies(alert -> assertThat(alert.getOwner()).isNull());
    assertThat(run.commands).isEmpty();
  }

  @Test
  void sameActionWithinTheCooldownIsHeldBackUnlessStricter() {
    // Runaway episodes that end as soon as the count is back at the maximum, so that one fires again.
    PipelineSettings settings = PipelineSettings.defaults().withLifecycles(RuleLifecycles.defaults()
        .withGlobal(Map.of(AlertRule.RUNAWAY_SCALING, new LifecycleSettings(0, 0))));
    EngineRun run = new EngineRun(settings,
        endpoint().budget(10.0).minReplicas(1).expectedMaxReplicas(2).build());

    run.replica(scaleUp("r1", H10).after(1));
    run.replica(scaleUp("r2", H10).after(2));
    run.replica(scaleUp("r3", H10).after(3)); // runaway: SCALE_DOWN to 2 at 10:00
    run.bill(instantBill("li-1", H10 + 5 * MIN, 12.50)); // budget 120: SCALE_DOWN to 1 at 10:05, stricter
    run.replica(scaleDown("r3", H10 + 6 * MIN).after(2));
    run.replica(scaleUp("r3b", H10 + 8 * MIN).after(3)); // runaway again at 10:08: held back, SCALE_DOWN to 2
    run.replica(scaleDown("r3b", H10 + 9 * MIN).after(2));
    run.replica(scaleUp("r3c", H10 + 15 * MIN).after(3)); // 10 minutes after 10:05: issued again

    assertThat(run.alerts(AlertRule.RUNAWAY_SCALING).stream().filter(a -> a.getStatus().name().equals("FIRING")))
        .hasSize(3);
    assertThat(run.commands).extracting(c -> c.getIssuedAt().toEpochMilli(), ScalingCommand::getTargetReplicas)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(H10, 2),
            org.assertj.core.groups.Tuple.tuple(H10 + 5 * MIN, 1),
            org.assertj.core.groups.Tuple.tuple(H10 + 15 * MIN, 2));
  }

  @Test
  void commandsAreLiveByDefaultAndExpireAfterTheCooldown() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).build());

    run.bill(instantBill("li-1", H10, 12.50));

    assertThat(run.commands).singleElement().satisfies(command -> {
      assertThat(command.getDryRun()).isFalse();
      assertThat(command.getIssuedAt()).isEqualTo(Instant.ofEpochMilli(H10));
      assertThat(command.getExpiresAt()).isEqualTo(Instant.ofEpochMilli(H10 + 10 * MIN));
      assertThat(command.getEndpointId()).isEqualTo(Fixtures.ENDPOINT);
    });
  }

  @Test
  void dryRunSettingMarksEveryCommand() {
    EngineRun run = new EngineRun(PipelineSettings.defaults().withDryRun(true), endpoint().budget(10.0).build());

    run.bill(instantBill("li-1", H10, 25.00));

    assertThat(run.commands).isNotEmpty().allSatisfy(command -> assertThat(command.getDryRun()).isTrue());
  }

  @Test
  void commandsProducedWhileReplayingAreDryRun() {
    EngineRun run = new EngineRun(endpoint().budget(10.0).build()).replaying();

    run.bill(instantBill("li-1", H10, 25.00));

    assertThat(run.commands).isNotEmpty().allSatisfy(command -> assertThat(command.getDryRun()).isTrue());
  }
}
