package io.burnrate.actions;

/** The last command of one action for an endpoint, for the cooldown. */
public record CommandMark(long issuedAt, int targetReplicas) {}
