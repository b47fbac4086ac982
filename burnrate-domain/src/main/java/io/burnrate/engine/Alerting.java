package io.burnrate.engine;

import io.burnrate.core.Ids;
import io.burnrate.core.Time;
import io.burnrate.rules.AlertLifecycle;
import io.burnrate.rules.CommandProposal;
import io.burnrate.rules.Episode;
import io.burnrate.rules.Reading;
import io.burnrate.rules.Rule;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.RuleTrack;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.time.Instant;
import java.util.Optional;

/**
 * Between a rule's reading and the alert topic: feeds readings to the rule's lifecycle track, opens
 * and closes episodes, builds the FIRING and RESOLVED records, and asks the command policy for a
 * scale-down.
 */
final class Alerting {
  /** A budget day lasts 25 hours at most. */
  private static final long LONGEST_DAY_MS = 25 * Time.HOUR_MS;

  private Alerting() {
  }

  /** Feeds a reading to the rule's lifecycle at the step's instant. */
  static AlertLifecycle.Transition evaluate(Step step, Rule rule, Reading reading, AlertLifecycle.Trigger trigger) {
    return evaluateAt(step, rule, reading, step.now, trigger);
  }

  static AlertLifecycle.Transition evaluateAt(
      Step step, Rule rule, Reading reading, long at, AlertLifecycle.Trigger trigger) {
    RuleTrack track = step.state.tracks.get(rule.id());
    if (track == null) {
      if (!reading.breached()) {
        return AlertLifecycle.Transition.NONE; // a quiet rule stays quiet: nothing to store
      }
      track = AlertLifecycle.newTrack(trigger, step.lifecycle(rule));
      step.state.tracks.put(rule.id(), track);
    }
    AlertLifecycle.Transition transition =
        AlertLifecycle.evaluate(track, rule, reading, at, step.budgetDay(at), trigger, step.lifecycle(rule));
    if (transition == AlertLifecycle.Transition.FIRE_SILENTLY) {
      track.open = null;
    }
    return transition;
  }

  /** Opens the rule's episode and emits its FIRING (and its command). */
  static void fire(Step step, Rule rule, Reading reading, long windowStart, long windowEnd, String message) {
    RuleTrack track = step.state.tracks.get(rule.id());
    long breachStart = AlertLifecycle.breachStart(track);
    String id = Ids.nameBased(step.endpoint.endpointId(), rule.id(), breachStart);
    Episode episode = new Episode(id, windowStart, windowEnd, reading.threshold(), baselineOf(reading), step.now);
    AlertLifecycle.open(track, rule, episode, step.budgetDay(step.now));
    CostAlert alert = alert(step, rule.id(), AlertStatus.FIRING, episode, windowStart, windowEnd,
        reading.observed(), message);
    step.outcome.alerts.add(alert);
    command(step, rule.id(), alert);
  }

  static void resolve(Step step, Rule rule, Reading reading, long windowEnd, String message) {
    RuleTrack track = step.state.tracks.get(rule.id());
    Episode open = track.open;
    AlertLifecycle.close(track);
    step.outcome.alerts.add(alert(step, rule.id(), AlertStatus.RESOLVED, open, open.windowStart(), windowEnd,
        reading.observed(), message));
  }

  /** Asks the command policy what to do about an alert, and records the command it decides. */
  static void command(Step step, AlertRule rule, CostAlert alert) {
    Optional<CommandProposal> proposal = step.policy.proposalFor(rule, step.endpoint);
    if (proposal.isEmpty()) {
      return;
    }
    step.policy.decide(proposal.get(), alert.getAlertId(), rule + ": " + alert.getMessage(), step.now, step.endpoint,
            step.state.lastCommands, step.dryRun)
        .ifPresent(step.outcome.commands::add);
  }

  static CostAlert alert(
      Step step, AlertRule rule, AlertStatus status, Episode episode, long windowStart, long windowEnd,
      double observed, String message) {
    RuleCatalog.RuleFacts facts = RuleCatalog.of(rule);
    double reported = Double.isNaN(observed) ? episode.threshold() : observed;
    boolean configured = step.endpoint.configured();
    return CostAlert.newBuilder()
        .setAlertId(episode.alertId())
        .setEndpointId(step.endpoint.endpointId())
        .setRule(rule)
        .setSeverity(facts.severity())
        .setStatus(status)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setObserved(reported)
        .setThreshold(episode.threshold())
        .setBaseline(episode.baseline())
        .setUnit(facts.unit())
        .setMessage(message)
        .setDetectedAt(Instant.ofEpochMilli(step.now))
        .setOwner(configured ? step.endpoint.owner() : null)
        .setRegion(configured ? step.endpoint.region() : step.state.lastRegion)
        .setInstanceType(configured ? step.endpoint.instanceType() : step.state.lastInstanceType)
        .build();
  }

  /** A rule back to quiet with nothing owed and no FIRING of its budget day to remember is not stored. */
  static void forgetQuietTracks(Step step) {
    // Past the longest budget day, the day of the last FIRING is over without asking the zone which
    // day it is now.
    if (step.state.tracks.isEmpty()) {
      return;
    }
    step.state.tracks.values().removeIf(track -> track.quiet()
        && (track.firedDay == RuleTrack.NEVER || step.now - track.firedDay >= LONGEST_DAY_MS));
  }

  private static Double baselineOf(Reading reading) {
    return Double.isNaN(reading.baseline()) ? null : reading.baseline();
  }
}
