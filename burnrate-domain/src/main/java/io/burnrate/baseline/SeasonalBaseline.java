package io.burnrate.baseline;

import io.burnrate.core.Time;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The normal value of one hourly metric of one endpoint (spend in micro-dollars, requests, cost per
 * request), by hour of day and weekday/weekend in a zone: 48 buckets, each keeping its last K
 * closed hours.
 *
 * <p>The level of a bucket is the median of its samples, so a single anomalous hour (or a whole
 * anomalous day, one sample per bucket) moves it by at most one rank and cannot hide the next
 * anomaly; a lasting change of level is adopted once it fills half the bucket.
 *
 * <p>Warm-up: a bucket with fewer than {@code minSamples} samples falls back to the same hour of day
 * pooled over weekdays and weekends (so a new endpoint's first weekend is judged by its weekday
 * level, which errs towards silence), and is empty while that pool is thin too. An expected value
 * is never below the floor, so that tiny endpoints do not alert on cents.
 *
 * <p>Each sample remembers its hour, so observing an hour again (a late bill revised it) replaces
 * the earlier value instead of adding a sample. Not thread-safe; one instance per endpoint and
 * metric, owned by the endpoint's processor.
 */
public final class SeasonalBaseline {
  public static final int BUCKETS = 48;
  public static final int MAX_SAMPLES_PER_BUCKET = 64;
  private static final double MAD_TO_SIGMA = 1.4826;
  private static final byte FORMAT = 1;
  private static final int HOURS_PER_DAY = 24;

  /**
   * How a baseline buckets and judges its samples.
   *
   * @param zone the zone whose local hour of day and day of week pick the bucket
   * @param samplesPerBucket K, the closed hours kept per bucket (1..64)
   * @param minSamples samples a bucket (or the pooled hour of day) needs before it has an expected
   *     value (1..samplesPerBucket)
   * @param floor the lowest expected value, in the metric's unit (micro-dollars for spend)
   */
  public record Settings(ZoneId zone, int samplesPerBucket, int minSamples, double floor) {
    public static final int DEFAULT_SAMPLES_PER_BUCKET = 8;
    public static final int DEFAULT_MIN_SAMPLES = 3;

    public Settings {
      Objects.requireNonNull(zone, "baseline zone must be set (use ZoneOffset.UTC for UTC)");
      if (samplesPerBucket < 1 || samplesPerBucket > MAX_SAMPLES_PER_BUCKET) {
        throw new IllegalArgumentException("baseline samplesPerBucket " + samplesPerBucket
            + " is out of range: allowed 1.." + MAX_SAMPLES_PER_BUCKET);
      }
      if (minSamples < 1 || minSamples > samplesPerBucket) {
        throw new IllegalArgumentException("baseline minSamples " + minSamples
            + " is out of range: allowed 1..samplesPerBucket (" + samplesPerBucket + ")");
      }
      if (!(floor >= 0) || Double.isInfinite(floor)) {
        throw new IllegalArgumentException("baseline floor " + floor + " is invalid: must be a finite value >= 0");
      }
    }

    /** UTC, K = 8 samples per bucket, 3 samples before a bucket is warm, and the given floor. */
    public static Settings withFloor(double floor) {
      return new Settings(ZoneOffset.UTC, DEFAULT_SAMPLES_PER_BUCKET, DEFAULT_MIN_SAMPLES, floor);
    }

    public Settings inZone(ZoneId newZone) {
      return new Settings(newZone, samplesPerBucket, minSamples, floor);
    }
  }

  private final Settings settings;
  /** Per bucket, the hour index (epoch hours) of each sample, oldest first. */
  private final long[][] hours = new long[BUCKETS][];
  private final double[][] values = new double[BUCKETS][];
  private final int[] counts = new int[BUCKETS];

  public SeasonalBaseline(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "baseline settings");
    for (int b = 0; b < BUCKETS; b++) {
      hours[b] = new long[settings.samplesPerBucket()];
      values[b] = new double[settings.samplesPerBucket()];
    }
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Records the value of the closed UTC hour starting at {@code hourStart}. Observing an hour that
   * is already kept replaces its value; an hour older than every sample of a full bucket is
   * dropped, as it would have been evicted already.
   */
  public void observe(long hourStart, double value) {
    if (hourStart != Time.hourStart(hourStart)) {
      throw new IllegalArgumentException("baseline observation at " + Time.iso(hourStart)
          + " is not the start of a UTC hour: pass the closed hour's start");
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("baseline observation for the hour " + Time.iso(hourStart)
          + " has value " + value + ": must be a finite value >= 0");
    }
    insert(bucketOf(hourStart, settings.zone()), hourStart / Time.HOUR_MS, value);
  }

  private void insert(int bucket, long hour, double value) {
    long[] h = hours[bucket];
    double[] v = values[bucket];
    int n = counts[bucket];
    int at = Arrays.binarySearch(h, 0, n, hour);
    if (at >= 0) {
      v[at] = value;
      return;
    }
    int insertion = -at - 1;
    if (n == h.length) {
      if (insertion == 0) {
        return;
      }
      // Drop the oldest sample and shift the older part down by one to make room.
      System.arraycopy(h, 1, h, 0, insertion - 1);
      System.arraycopy(v, 1, v, 0, insertion - 1);
      h[insertion - 1] = hour;
      v[insertion - 1] = value;
      return;
    }
    System.arraycopy(h, insertion, h, insertion + 1, n - insertion);
    System.arraycopy(v, insertion, v, insertion + 1, n - insertion);
    h[insertion] = hour;
    v[insertion] = value;
    counts[bucket] = n + 1;
  }

  /**
   * The normal value for the UTC hour containing {@code t} (any instant inside the hour), at least
   * the floor; empty while neither its bucket nor its pooled hour of day is warm.
   */
  public OptionalDouble expected(long t) {
    double[] samples = warmSamples(t);
    return samples == null ? OptionalDouble.empty()
        : OptionalDouble.of(Math.max(median(samples, samples.length), settings.floor()));
  }

  /**
   * How far the values of the hour containing {@code t} usually stray from their median: the median
   * absolute deviation of the same samples {@link #expected} uses, scaled by 1.4826 to read as a
   * standard deviation under normal noise. Empty while the hour is not warm.
   */
  public OptionalDouble spread(long t) {
    double[] samples = warmSamples(t);
    if (samples == null) {
      return OptionalDouble.empty();
    }
    double center = median(samples, samples.length);
    double[] deviations = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      deviations[i] = Math.abs(samples[i] - center);
    }
    return OptionalDouble.of(MAD_TO_SIGMA * median(deviations, deviations.length));
  }

  /** The bucket's samples when it has enough, else pooled with its weekday/weekend twin; null when neither is warm. */
  private double[] warmSamples(long t) {
    int bucket = bucketOf(t, settings.zone());
    if (counts[bucket] >= settings.minSamples()) {
      return Arrays.copyOf(values[bucket], counts[bucket]);
    }
    int other = (bucket + HOURS_PER_DAY) % BUCKETS;
    int pooled = counts[bucket] + counts[other];
    if (pooled < settings.minSamples()) {
      return null;
    }
    double[] both = new double[pooled];
    System.arraycopy(values[bucket], 0, both, 0, counts[bucket]);
    System.arraycopy(values[other], 0, both, counts[bucket], counts[other]);
    return both;
  }

  /**
   * The normal total over [{@code from}, {@code to}): each UTC hour's expected value weighted by the
   * part of it inside the span. Empty when any hour in the span has no expected value. For a
   * sliding 60-minute span or the rest of a budget day.
   */
  public OptionalDouble expectedTotal(long from, long to) {
    if (to < from) {
      throw new IllegalArgumentException("baseline span from " + Time.iso(from) + " to " + Time.iso(to)
          + " ends before it starts");
    }
    double total = 0;
    for (long s = from; s < to; ) {
      long e = Math.min(to, Time.hourStart(s) + Time.HOUR_MS);
      OptionalDouble hour = expected(s);
      if (hour.isEmpty()) {
        return OptionalDouble.empty();
      }
      total += hour.getAsDouble() * (e - s) / Time.HOUR_MS;
      s = e;
    }
    return OptionalDouble.of(total);
  }

  /** Samples kept in the bucket of the hour containing {@code t}. */
  public int samplesFor(long t) {
    return counts[bucketOf(t, settings.zone())];
  }

  /** Samples kept in all buckets. */
  public int sampleCount() {
    return Arrays.stream(counts).sum();
  }

  /** The bucket of the hour containing {@code t}: local hour of day, plus 24 on Saturday and Sunday. */
  public static int bucketOf(long t, ZoneId zone) {
    // Arithmetic on the local epoch rather than a ZonedDateTime: this runs for every stored sample
    // whenever baselines are read.
    ZoneRules rules = zone.getRules();
    ZoneOffset offset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : rules.getOffset(Instant.ofEpochMilli(t));
    long local = t + offset.getTotalSeconds() * 1000L;
    long day = Math.floorDiv(local, Time.DAY_MS);
    int hour = (int) (Math.floorMod(local, Time.DAY_MS) / Time.HOUR_MS);
    int mondayBased = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday
    boolean weekend = mondayBased >= 5;
    return hour + (weekend ? HOURS_PER_DAY : 0);
  }

  private static double median(double[] source, int n) {
    double[] sorted = Arrays.copyOf(source, n);
    Arrays.sort(sorted);
    int mid = n / 2;
    return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  // ---- binary form ----

  /**
   * Writes the samples: a format byte, the sample count, then per sample its epoch hour (int) and
   * value (double), bucket by bucket, oldest first. At most 5 + 48 × K × 12 bytes. The settings are
   * not written: they come from configuration when the state is read.
   */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT);
    out.writeInt(sampleCount());
    for (int b = 0; b < BUCKETS; b++) {
      for (int i = 0; i < counts[b]; i++) {
        out.writeInt(Math.toIntExact(hours[b][i]));
        out.writeDouble(values[b][i]);
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote. The samples are bucketed again under {@code settings}, so a
   * changed zone or a smaller K takes effect on the stored history (keeping the newest samples).
   */
  public static SeasonalBaseline readFrom(DataInput in, Settings settings) throws IOException {
    byte format = in.readByte();
    if (format != FORMAT) {
      throw new IllegalStateException("unknown seasonal baseline format " + format + ", expected " + FORMAT
          + ": the state was written by a newer release; reset the application state or upgrade");
    }
    int samples = in.readInt();
    if (samples < 0 || samples > BUCKETS * MAX_SAMPLES_PER_BUCKET) {
      throw new IllegalStateException("corrupt seasonal baseline: " + samples + " samples, allowed 0.."
          + BUCKETS * MAX_SAMPLES_PER_BUCKET);
    }
    SeasonalBaseline baseline = new SeasonalBaseline(settings);
    for (int i = 0; i < samples; i++) {
      long hourStart = in.readInt() * Time.HOUR_MS;
      double value = in.readDouble();
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalStateException("corrupt seasonal baseline: sample " + i + " for the hour "
            + Time.iso(hourStart) + " has value " + value);
      }
      baseline.insert(bucketOf(hourStart, settings.zone()), hourStart / Time.HOUR_MS, value);
    }
    return baseline;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(5 + sampleCount() * 12);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static SeasonalBaseline fromBytes(byte[] bytes, Settings settings) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return readFrom(in, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt seasonal baseline record of " + bytes.length + " bytes", e);
    }
  }
}
