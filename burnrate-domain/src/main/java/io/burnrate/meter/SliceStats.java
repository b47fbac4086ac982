package io.burnrate.meter;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import io.burnrate.core.Time;
import java.time.ZoneId;
import java.util.function.LongFunction;

/**
 * The running figures of one endpoint in one accounting slice (a UTC hour, or the part of it on one
 * side of a local midnight). Mutable; owned by one task at a time.
 */
public final class SliceStats {
  public static final double SKETCH_RELATIVE_ACCURACY = 0.01;
  public static final int SKETCH_MAX_BINS = 1024;

  public final long sliceStart;
  public final long sliceEnd;
  public final long[] metered = new long[Category.METERED_COUNT];
  public final long[] billed = new long[Category.COUNT];
  public long requests;
  public long errors;
  public long coldStarts;
  public long scaleEvents;
  public long scaleUps;
  public int maxReplicas;
  /** Sum of latency of warm requests, in microseconds. */
  public long busyMicros;
  /** Replica time spent READY, in milliseconds. */
  public long readyReplicaMs;
  public DDSketch warmLatency;

  public SliceStats(long sliceStart, long sliceEnd) {
    this.sliceStart = sliceStart;
    this.sliceEnd = sliceEnd;
  }

  public long visibleMicros() {
    return Category.visible(metered, billed);
  }

  public long meteredMicros() {
    return metered[Category.COMPUTE] + metered[Category.COLD_START_TRANSFER];
  }

  /** Billed amounts of the categories that are also metered, to compare the bill with the estimate. */
  public long billedMeterableMicros() {
    return billed[Category.COMPUTE] + billed[Category.COLD_START_TRANSFER];
  }

  public long billedMicros() {
    long total = 0;
    for (long b : billed) {
      total += b;
    }
    return total;
  }

  public void recordWarmLatency(double latencyMs) {
    if (warmLatency == null) {
      warmLatency = newSketch();
    }
    warmLatency.accept(Math.max(latencyMs, 0.0));
  }

  /**
   * The merged figures of one UTC hour from the slices {@code sliceAt} gives by start (null for none):
   * one slice, or two where a local midnight of {@code zone} cuts the hour.
   */
  public static SliceStats hour(long hour, ZoneId zone, LongFunction<SliceStats> sliceAt) {
    SliceStats view = new SliceStats(hour, hour + Time.HOUR_MS);
    for (long s = hour; s < hour + Time.HOUR_MS; s = Time.sliceEnd(s, zone)) {
      SliceStats slice = sliceAt.apply(Time.sliceStart(s, zone));
      if (slice != null) {
        view.mergeFrom(slice);
      }
    }
    return view;
  }

  public static DDSketch newSketch() {
    return DDSketches.collapsingLowestDense(SKETCH_RELATIVE_ACCURACY, SKETCH_MAX_BINS);
  }

  /** Adds another slice of the same hour into this one (for the hourly view of a split hour). */
  public void mergeFrom(SliceStats other) {
    for (int c = 0; c < metered.length; c++) {
      metered[c] += other.metered[c];
    }
    for (int c = 0; c < billed.length; c++) {
      billed[c] += other.billed[c];
    }
    requests += other.requests;
    errors += other.errors;
    coldStarts += other.coldStarts;
    scaleEvents += other.scaleEvents;
    scaleUps += other.scaleUps;
    maxReplicas = Math.max(maxReplicas, other.maxReplicas);
    busyMicros += other.busyMicros;
    readyReplicaMs += other.readyReplicaMs;
    if (other.warmLatency != null) {
      if (warmLatency == null) {
        warmLatency = newSketch();
      }
      warmLatency.mergeWith(other.warmLatency);
    }
  }
}
