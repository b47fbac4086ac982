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
import java.util.Objects;

/**
 * Keeps a baseline rule from firing on one odd reading and from flapping around its line. A breach
 * ({@code value > threshold}; exactly at it is no breach) fires once it has lasted for at least
 * {@code minBreachEvaluations} consecutive evaluations and {@code minBreachMs} of event time. A
 * firing rule resolves once the value has stayed at or below {@code threshold × (1 − hysteresis)}
 * for {@code minClearMs}; a reading back above that line restarts the wait.
 *
 * <p>Event time only: an evaluation older than the latest one counts as happening at the latest
 * one's time, so late records never move the gate backwards. Between two evaluations the value is
 * taken to have stayed as it was. Not thread-safe; one instance per endpoint and rule.
 */
public final class NoiseGate {
  private static final byte FORMAT = 1;
  private static final long NONE_YET = Long.MIN_VALUE;

  /** What an evaluation changed. */
  public enum Signal {
    /** Nothing to report: still quiet, still pending, still firing or still clearing. */
    NONE,
    /** The breach has lasted long enough: raise the alert. */
    FIRE,
    /** The value has stayed below the resolve line long enough: resolve the alert. */
    RESOLVE
  }

  /** Where the gate stands. Stored by ordinal: add new phases at the end only. */
  public enum Phase {
    QUIET,
    /** Breached, not yet for long enough. */
    PENDING,
    FIRING,
    /** Fired, and now below the resolve line, not yet for long enough. */
    CLEARING
  }

  /**
   * @param minBreachEvaluations consecutive breached evaluations needed to fire (at least 1)
   * @param minBreachMs event time a breach must last to fire (0 fires on the first breach)
   * @param hysteresis fraction below the threshold that counts as clear, in [0, 1)
   * @param minClearMs event time the value must stay clear to resolve (0 resolves at once)
   */
  public record Settings(int minBreachEvaluations, long minBreachMs, double hysteresis, long minClearMs) {
    public static final Settings DEFAULTS = new Settings(3, 5 * Time.MINUTE_MS, 0.10, 10 * Time.MINUTE_MS);
    /** Fires on the first breach and resolves on the first clear reading: for closed-hour rules. */
    public static final Settings IMMEDIATE = new Settings(1, 0, 0, 0);

    public Settings {
      if (minBreachEvaluations < 1) {
        throw new IllegalArgumentException("noise gate minBreachEvaluations " + minBreachEvaluations
            + " is out of range: must be at least 1");
      }
      if (minBreachMs < 0) {
        throw new IllegalArgumentException("noise gate minBreachMs " + minBreachMs + " is negative: must be >= 0");
      }
      if (!(hysteresis >= 0 && hysteresis < 1)) {
        throw new IllegalArgumentException("noise gate hysteresis " + hysteresis
            + " is out of range: allowed 0 (inclusive) to 1 (exclusive)");
      }
      if (minClearMs < 0) {
        throw new IllegalArgumentException("noise gate minClearMs " + minClearMs + " is negative: must be >= 0");
      }
    }
  }

  private final Settings settings;
  private Phase phase = Phase.QUIET;
  /** PENDING: the first breached evaluation; FIRING, CLEARING: the start of the firing breach. */
  private long breachStart = NONE_YET;
  private int breachEvaluations;
  /** CLEARING: the first evaluation below the resolve line. */
  private long clearStart = NONE_YET;
  private long lastEvaluation = NONE_YET;

  public NoiseGate(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "noise gate settings");
  }

  public Settings settings() {
    return settings;
  }

  public Phase phase() {
    return phase;
  }

  /** True from FIRE to RESOLVE. */
  public boolean firing() {
    return phase == Phase.FIRING || phase == Phase.CLEARING;
  }

  /**
   * When the current breach began (pending or firing): the episode's start, for its alert id and
   * window; {@link Long#MIN_VALUE} while the gate is quiet.
   */
  public long breachStart() {
    return breachStart;
  }

  /** Feeds one evaluation of the rule at event time {@code eventTime}. */
  public Signal evaluate(long eventTime, double value, double threshold) {
    if (Double.isNaN(value) || Double.isNaN(threshold)) {
      throw new IllegalArgumentException("noise gate evaluation at " + Time.iso(eventTime) + " has value "
          + value + " and threshold " + threshold + ": both must be numbers (skip the evaluation while the"
          + " baseline warms up)");
    }
    return evaluate(eventTime, value > threshold, !aboveResolveLine(value, threshold));
  }

  /**
   * Feeds one evaluation judged by the rule itself: {@code breached} past its threshold, {@code clear}
   * on the safe side of its hysteresis line (neither: between the two).
   */
  public Signal evaluate(long eventTime, boolean breached, boolean clear) {
    long now = lastEvaluation == NONE_YET ? eventTime : Math.max(lastEvaluation, eventTime);
    lastEvaluation = now;
    return switch (phase) {
      case QUIET -> {
        if (!breached) {
          yield Signal.NONE;
        }
        phase = Phase.PENDING;
        breachStart = now;
        breachEvaluations = 1;
        yield fireIfLongEnough(now);
      }
      case PENDING -> {
        if (!breached) {
          phase = Phase.QUIET;
          breachStart = NONE_YET;
          breachEvaluations = 0;
          yield Signal.NONE;
        }
        breachEvaluations = breachEvaluations == Integer.MAX_VALUE ? breachEvaluations : breachEvaluations + 1;
        yield fireIfLongEnough(now);
      }
      case FIRING -> {
        if (!clear) {
          yield Signal.NONE;
        }
        phase = Phase.CLEARING;
        clearStart = now;
        yield resolveIfLongEnough(now);
      }
      case CLEARING -> {
        if (!clear) {
          phase = Phase.FIRING;
          clearStart = NONE_YET;
          yield Signal.NONE;
        }
        yield resolveIfLongEnough(now);
      }
    };
  }

  /** This gate's state under other settings (the same gate when they are equal). */
  public NoiseGate withSettings(Settings other) {
    if (settings.equals(other)) {
      return this;
    }
    NoiseGate gate = new NoiseGate(other);
    gate.phase = phase;
    gate.breachStart = breachStart;
    gate.breachEvaluations = breachEvaluations;
    gate.clearStart = clearStart;
    gate.lastEvaluation = lastEvaluation;
    return gate;
  }

  /** A gate that fired at {@code firedAt} on a breach that began at {@code breachStart}. */
  public static NoiseGate firing(Settings settings, long breachStart, long firedAt) {
    NoiseGate gate = new NoiseGate(settings);
    gate.phase = Phase.FIRING;
    gate.breachStart = breachStart;
    gate.breachEvaluations = 1;
    gate.lastEvaluation = firedAt;
    return gate;
  }

  private boolean aboveResolveLine(double value, double threshold) {
    return value > threshold * (1 - settings.hysteresis());
  }

  private Signal fireIfLongEnough(long now) {
    if (breachEvaluations >= settings.minBreachEvaluations() && now - breachStart >= settings.minBreachMs()) {
      phase = Phase.FIRING;
      return Signal.FIRE;
    }
    return Signal.NONE;
  }

  private Signal resolveIfLongEnough(long now) {
    if (now - clearStart >= settings.minClearMs()) {
      phase = Phase.QUIET;
      breachStart = NONE_YET;
      breachEvaluations = 0;
      clearStart = NONE_YET;
      return Signal.RESOLVE;
    }
    return Signal.NONE;
  }

  // ---- binary form ----

  /** Writes the gate's state (not its settings): 30 bytes. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT);
    out.writeByte(phase.ordinal());
    out.writeLong(breachStart);
    out.writeInt(breachEvaluations);
    out.writeLong(clearStart);
    out.writeLong(lastEvaluation);
  }

  public static NoiseGate readFrom(DataInput in, Settings settings) throws IOException {
    byte format = in.readByte();
    if (format != FORMAT) {
      throw new IllegalStateException("unknown noise gate format " + format + ", expected " + FORMAT
          + ": the state was written by a newer release; reset the application state or upgrade");
    }
    int phase = in.readByte();
    if (phase < 0 || phase >= Phase.values().length) {
      throw new IllegalStateException("corrupt noise gate state: phase " + phase);
    }
    NoiseGate gate = new NoiseGate(settings);
    gate.phase = Phase.values()[phase];
    gate.breachStart = in.readLong();
    gate.breachEvaluations = in.readInt();
    gate.clearStart = in.readLong();
    gate.lastEvaluation = in.readLong();
    return gate;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static NoiseGate fromBytes(byte[] bytes, Settings settings) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return readFrom(in, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt noise gate record of " + bytes.length + " bytes", e);
    }
  }
}
