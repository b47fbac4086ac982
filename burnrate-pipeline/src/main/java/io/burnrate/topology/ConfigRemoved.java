package io.burnrate.topology;

/** A tombstone on {@code endpoint.config}: the endpoint returns to the defaults. */
public record ConfigRemoved(String endpointId) {}
