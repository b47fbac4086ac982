package io.burnrate.actions;

import io.burnrate.core.Ids;
import io.burnrate.engine.CommandMark;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the command an alert causes. The cooldown keeps the pipeline from causing thrash itself:
 * no second command of the same action for an endpoint within the scale-down delay of event time,
 * unless it is stricter (a lower target).
 */
public final class CommandPolicy {
  private final long cooldownMs;

  public CommandPolicy(long cooldownMs) {
    this.cooldownMs = cooldownMs;
  }

  /** The command the rule would ask for on this endpoint, before eligibility and cooldown. */
  public Optional<Proposal> proposalFor(AlertRule rule, EndpointSettings endpoint) {
    return switch (rule) {
      case DAILY_BUDGET_120 -> Optional.of(new Proposal(ScalingAction.SCALE_DOWN, endpoint.minReplicas(), null,
          "scale down to min_replicas " + endpoint.minReplicas()));
      case DAILY_BUDGET_150 -> endpoint.fallbackEndpointId() == null
          ? Optional.empty()
          : Optional.of(new Proposal(ScalingAction.ROUTE_OVERFLOW, null, endpoint.fallbackEndpointId(),
              "route overflow to " + endpoint.fallbackEndpointId()));
      case DAILY_BUDGET_200 -> Optional.of(new Proposal(ScalingAction.SHUTDOWN, 0, null, "shut down (0 replicas)"));
      case COLD_START_FREQUENCY -> endpoint.minReplicas() == 0
          ? Optional.of(new Proposal(ScalingAction.SET_MIN_REPLICAS, 1, null,
              "keep one warm replica (min_replicas 0 -> 1) to stop the cold-start spiral"))
          : Optional.empty();
      case RUNAWAY_SCALING -> Optional.of(new Proposal(ScalingAction.SCALE_DOWN, endpoint.expectedMaxReplicas(), null,
          "scale down to expected_max_replicas " + endpoint.expectedMaxReplicas()));
      default -> Optional.empty();
    };
  }

  /** Whether automation may act on this endpoint at all for this action. */
  public static boolean eligible(ScalingAction action, EndpointSettings endpoint) {
    if (!endpoint.configured()) {
      return false;
    }
    return endpoint.nonCritical() || (action == ScalingAction.SHUTDOWN && endpoint.allowEmergencyShutdown());
  }

  /**
   * The command for this proposal, or empty when the endpoint is not eligible or the cooldown
   * holds. On issue, records the command in {@code lastCommands}.
   */
  public Optional<ScalingCommand> decide(
      Proposal proposal,
      String alertId,
      String alertSummary,
      long at,
      EndpointSettings endpoint,
      Map<ScalingAction, CommandMark> lastCommands,
      boolean dryRun) {
    if (!eligible(proposal.action(), endpoint)) {
      return Optional.empty();
    }
    int target = proposal.targetReplicas() == null ? Integer.MAX_VALUE : proposal.targetReplicas();
    CommandMark last = lastCommands.get(proposal.action());
    if (last != null && at - last.issuedAt() < cooldownMs && target >= last.targetReplicas()) {
      return Optional.empty();
    }
    lastCommands.put(proposal.action(), new CommandMark(at, target));
    ScalingCommand command = ScalingCommand.newBuilder()
        .setCommandId(Ids.nameBased(alertId, proposal.action(), proposal.targetReplicas(), proposal.routeTo()))
        .setEndpointId(endpoint.endpointId())
        .setAction(proposal.action())
        .setTargetReplicas(proposal.targetReplicas())
        .setRouteTo(proposal.routeTo())
        .setAlertId(alertId)
        .setReason(alertSummary + "; " + proposal.description())
        .setIssuedAt(Instant.ofEpochMilli(at))
        .setDryRun(dryRun)
        .setExpiresAt(Instant.ofEpochMilli(at + cooldownMs))
        .build();
    return Optional.of(command);
  }

  /** A command a rule asks for. */
  public record Proposal(ScalingAction action, Integer targetReplicas, String routeTo, String description) {}
}
