package io.burnrate.actions;

import static io.burnrate.engine.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;


import io.burnrate.engine.Fixtures;
import io.burnrate.rules.CommandProposal;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommandPolicyTest {
  private static final long COOLDOWN = 10 * Fixtures.MINUTE;
  private static final long T = Fixtures.at("2025-06-02T10:00:00Z");

  private final CommandPolicy policy = new CommandPolicy(COOLDOWN);
  private final Map<ScalingAction, CommandMark> lastCommands = new EnumMap<>(ScalingAction.class);

  private Optional<ScalingCommand> decide(AlertRule rule, EndpointSettings endpoint, String alertId, long at) {
    CommandProposal proposal = policy.proposalFor(rule, endpoint).orElseThrow();
    return policy.decide(proposal, alertId, rule + ": over", at, endpoint, lastCommands, false);
  }

  // ---- which command each rule asks for ----

  @Test
  void budgetTiersAskForScaleDownRouteOverflowAndShutdown() {
    EndpointSettings endpoint = endpoint().minReplicas(2).fallback("ep-small").build();

    assertThat(policy.proposalFor(AlertRule.DAILY_BUDGET_120, endpoint)).hasValueSatisfying(p -> {
      assertThat(p.action()).isEqualTo(ScalingAction.SCALE_DOWN);
      assertThat(p.targetReplicas()).isEqualTo(2);
    });
    assertThat(policy.proposalFor(AlertRule.DAILY_BUDGET_150, endpoint)).hasValueSatisfying(p -> {
      assertThat(p.action()).isEqualTo(ScalingAction.ROUTE_OVERFLOW);
      assertThat(p.routeTo()).isEqualTo("ep-small");
      assertThat(p.targetReplicas()).isNull();
    });
    assertThat(policy.proposalFor(AlertRule.DAILY_BUDGET_200, endpoint)).hasValueSatisfying(p -> {
      assertThat(p.action()).isEqualTo(ScalingAction.SHUTDOWN);
      assertThat(p.targetReplicas()).isZero();
    });
  }

  @Test
  void routeOverflowNeedsAFallbackEndpoint() {
    assertThat(policy.proposalFor(AlertRule.DAILY_BUDGET_150, endpoint().build())).isEmpty();
  }

  @Test
  void runawayScalingAsksForTheExpectedMaximum() {
    assertThat(policy.proposalFor(AlertRule.RUNAWAY_SCALING, endpoint().expectedMaxReplicas(6).build()))
        .hasValueSatisfying(p -> {
          assertThat(p.action()).isEqualTo(ScalingAction.SCALE_DOWN);
          assertThat(p.targetReplicas()).isEqualTo(6);
        });
  }

  @Test
  void coldStartFrequencyAsksForOneWarmReplicaOnlyWhenMinReplicasIsZero() {
    assertThat(policy.proposalFor(AlertRule.COLD_START_FREQUENCY, endpoint().minReplicas(0).build()))
        .hasValueSatisfying(p -> {
          assertThat(p.action()).isEqualTo(ScalingAction.SET_MIN_REPLICAS);
          assertThat(p.targetReplicas()).isEqualTo(1);
        });
    assertThat(policy.proposalFor(AlertRule.COLD_START_FREQUENCY, endpoint().minReplicas(1).build())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = AlertRule.class, names = {"HOURLY_SPEND_RATE", "COST_PER_REQUEST_RISING", "BUDGET_FORECAST",
      "COST_SPIKE", "AUTOSCALING_THRASH", "REQUEST_SURGE", "LOW_UTILIZATION", "ERROR_RATE", "HIGH_LATENCY",
      "QUEUE_DEPTH", "REGIONAL_COST_VARIANCE"})
  void otherRulesAskForNothing(AlertRule rule) {
    assertThat(policy.proposalFor(rule, endpoint().minReplicas(0).fallback("ep-small").build())).isEmpty();
  }

  // ---- which endpoints may be acted on ----

  @Test
  void nonCriticalConfiguredEndpointIsEligibleForEveryAction() {
    EndpointSettings endpoint = endpoint().build();
    for (ScalingAction action : ScalingAction.values()) {
      assertThat(CommandPolicy.eligible(action, endpoint)).as(action.name()).isTrue();
    }
  }

  @Test
  void criticalEndpointIsNeverActedOnExceptAnAllowedEmergencyShutdown() {
    EndpointSettings critical = endpoint().critical().build();
    EndpointSettings allowing = endpoint().critical().allowEmergencyShutdown().build();

    for (ScalingAction action : ScalingAction.values()) {
      assertThat(CommandPolicy.eligible(action, critical)).as(action.name()).isFalse();
      assertThat(CommandPolicy.eligible(action, allowing)).as(action.name())
          .isEqualTo(action == ScalingAction.SHUTDOWN);
    }
  }

  @Test
  void endpointWithoutAConfigRecordIsNeverActedOn() {
    EndpointSettings unconfigured = endpoint().unconfigured().allowEmergencyShutdown().build();
    for (ScalingAction action : ScalingAction.values()) {
      assertThat(CommandPolicy.eligible(action, unconfigured)).as(action.name()).isFalse();
    }
    assertThat(decide(AlertRule.DAILY_BUDGET_200, unconfigured, "a-1", T)).isEmpty();
  }

  @Test
  void ineligibleEndpointLeavesNoMarkForTheCooldown() {
    decide(AlertRule.DAILY_BUDGET_120, endpoint().critical().build(), "a-1", T);
    assertThat(lastCommands).isEmpty();
  }

  // ---- the command itself ----

  @Test
  void commandCarriesTheAlertTheTargetTheReasonAndItsExpiry() {
    ScalingCommand command = decide(AlertRule.DAILY_BUDGET_120, endpoint().minReplicas(2).build(), "a-1", T)
        .orElseThrow();

    assertThat(command.getEndpointId()).isEqualTo(Fixtures.ENDPOINT);
    assertThat(command.getAction()).isEqualTo(ScalingAction.SCALE_DOWN);
    assertThat(command.getTargetReplicas()).isEqualTo(2);
    assertThat(command.getRouteTo()).isNull();
    assertThat(command.getAlertId()).isEqualTo("a-1");
    assertThat(command.getReason()).startsWith("DAILY_BUDGET_120: over; ").contains("min_replicas 2");
    assertThat(command.getIssuedAt()).isEqualTo(Instant.ofEpochMilli(T));
    assertThat(command.getExpiresAt()).isEqualTo(Instant.ofEpochMilli(T + COOLDOWN));
    assertThat(command.getDryRun()).isFalse();
  }

  @Test
  void dryRunFlagIsCarried() {
    EndpointSettings endpoint = endpoint().build();
    CommandProposal proposal = policy.proposalFor(AlertRule.DAILY_BUDGET_200, endpoint).orElseThrow();

    assertThat(policy.decide(proposal, "a-1", "over", T, endpoint, lastCommands, true))
        .hasValueSatisfying(command -> assertThat(command.getDryRun()).isTrue());
  }

  @Test
  void commandIdIsDeterministic() {
    EndpointSettings endpoint = endpoint().build();
    String first = decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-1", T).orElseThrow().getCommandId();
    lastCommands.clear();
    String again = decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-1", T).orElseThrow().getCommandId();
    lastCommands.clear();
    String otherAlert = decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-2", T).orElseThrow().getCommandId();

    assertThat(again).isEqualTo(first);
    assertThat(otherAlert).isNotEqualTo(first);
  }

  // ---- the cooldown ----

  @Test
  void sameActionIsHeldBackForTheCooldownOfEventTime() {
    EndpointSettings endpoint = endpoint().minReplicas(1).build();
    assertThat(decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-1", T)).isPresent();

    assertThat(decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-2", T + COOLDOWN - 1)).isEmpty();
    assertThat(decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-3", T + COOLDOWN)).isPresent();
  }

  @Test
  void heldBackCommandDoesNotRestartTheCooldown() {
    EndpointSettings endpoint = endpoint().minReplicas(1).build();
    decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-1", T);
    decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-2", T + 9 * Fixtures.MINUTE);

    assertThat(decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-3", T + COOLDOWN)).isPresent();
  }

  @Test
  void stricterCommandPassesTheCooldownButALooserOneDoesNot() {
    EndpointSettings endpoint = endpoint().minReplicas(1).expectedMaxReplicas(8).build();

    assertThat(decide(AlertRule.RUNAWAY_SCALING, endpoint, "runaway", T)).isPresent(); // to 8
    assertThat(decide(AlertRule.DAILY_BUDGET_120, endpoint, "budget", T + Fixtures.MINUTE)).isPresent(); // to 1
    assertThat(decide(AlertRule.RUNAWAY_SCALING, endpoint, "runaway-2", T + 2 * Fixtures.MINUTE)).isEmpty();
  }

  @Test
  void otherActionsHaveTheirOwnCooldown() {
    EndpointSettings endpoint = endpoint().fallback("ep-small").build();

    assertThat(decide(AlertRule.DAILY_BUDGET_120, endpoint, "a-120", T)).isPresent();
    assertThat(decide(AlertRule.DAILY_BUDGET_150, endpoint, "a-150", T)).isPresent();
    assertThat(decide(AlertRule.DAILY_BUDGET_200, endpoint, "a-200", T)).isPresent();
  }

  @Test
  void routeOverflowIsNeverStricterThanItself() {
    EndpointSettings endpoint = endpoint().fallback("ep-small").build();

    assertThat(decide(AlertRule.DAILY_BUDGET_150, endpoint, "a-1", T)).isPresent();
    assertThat(decide(AlertRule.DAILY_BUDGET_150, endpoint, "a-2", T + Fixtures.MINUTE)).isEmpty();
  }
}
