package io.burnrate.rules;

import io.burnrate.schema.ScalingAction;

/** A command a rule asks for when it fires, before the policy's eligibility and cooldown. */
public record CommandProposal(ScalingAction action, Integer targetReplicas, String routeTo, String description) {}
