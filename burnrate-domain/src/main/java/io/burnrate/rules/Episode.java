package io.burnrate.rules;

/** A FIRING alert awaiting its RESOLVED: what the RESOLVED record must repeat. */
public record Episode(
    String alertId, long windowStart, long windowEnd, double threshold, Double baseline, long detectedAt) {

  /** The same episode covering up to {@code end}: a closed-hour episode over one more breaching hour. */
  public Episode extendedTo(long end) {
    return end <= windowEnd ? this : new Episode(alertId, windowStart, end, threshold, baseline, detectedAt);
  }
}
