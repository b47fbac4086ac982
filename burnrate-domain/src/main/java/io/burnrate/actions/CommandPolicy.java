package io.burnrate.actions;

import io.burnrate.core.Ids;
import io.burnrate.rules.CommandProposal;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.rules.RuleCatalog;
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
  public Optional<CommandProposal> proposalFor(AlertRule rule, EndpointSettings endpoint) {
    return RuleCatalog.rule(rule).command(endpoint);
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
      CommandProposal proposal,
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
}
