package io.burnrate.topology;

/**
 * Which event times are plausible: within an absolute range, and not further ahead of the known
 * stream time than the allowed skew. Shared by the timestamp extractor and the ingest step so both
 * judge a record alike.
 */
public record EventTimeBounds(long minEventTime, long maxEventTime, long maxFutureSkewMs) {
  /** 2100-01-01T00:00:00Z. */
  public static final long YEAR_2100 = 4_102_444_800_000L;

  public boolean plausible(long time, long streamTime) {
    if (time < minEventTime || time >= maxEventTime) {
      return false;
    }
    return streamTime < 0 || time <= streamTime + maxFutureSkewMs;
  }
}
