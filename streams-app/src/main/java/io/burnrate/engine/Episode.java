package io.burnrate.engine;

/** A FIRING alert awaiting its RESOLVED: what the RESOLVED record must repeat. */
public record Episode(
    String alertId, long windowStart, long windowEnd, double threshold, Double baseline, long detectedAt) {}
