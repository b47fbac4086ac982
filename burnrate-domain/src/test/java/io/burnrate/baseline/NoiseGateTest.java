package io.burnrate.baseline;

import static io.burnrate.baseline.NoiseGate.Signal.FIRE;
import static io.burnrate.baseline.NoiseGate.Signal.NONE;
import static io.burnrate.baseline.NoiseGate.Signal.RESOLVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.baseline.NoiseGate.Phase;
import io.burnrate.baseline.NoiseGate.Signal;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults throughout: 3 evaluations and 5 minutes to fire, 10 % hysteresis, 10 minutes to resolve. */
class NoiseGateTest {
  private static final long T0 = Series.at("2025-06-04T14:00:00Z");
  private static final long MINUTE = 60_000L;
  private static final double THRESHOLD = 100;

  private static NoiseGate gate() {
    return new NoiseGate(NoiseGate.Settings.DEFAULTS);
  }

  /** Evaluates once a minute from {@code start}, one value per minute; returns the signals. */
  private static List<Signal> everyMinute(NoiseGate gate, long start, double... values) {
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      signals.add(gate.evaluate(start + i * MINUTE, values[i], THRESHOLD));
    }
    return signals;
  }

  private static double[] repeat(double value, int times) {
    double[] values = new double[times];
    java.util.Arrays.fill(values, value);
    return values;
  }

  /** A gate that fired at T0 + 5 min on a breach that began at T0. */
  private static NoiseGate firing() {
    NoiseGate gate = gate();
    assertThat(everyMinute(gate, T0, repeat(150, 6))).containsExactly(NONE, NONE, NONE, NONE, NONE, FIRE);
    return gate;
  }

  @Test
  void aSingleOddMinuteDoesNotFire() {
    NoiseGate gate = gate();
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      signals.add(gate.evaluate(T0 + i * 3_000, 900, THRESHOLD)); // twenty readings within one minute
    }
    signals.addAll(everyMinute(gate, T0 + MINUTE, repeat(50, 30)));

    assertThat(signals).containsOnly(NONE);
    assertThat(gate.phase()).isEqualTo(Phase.QUIET);
    assertThat(gate.breachStart()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aSustainedBreachFiresOnceAfterTheMinimumAndDatesTheEpisodeFromItsStart() {
    NoiseGate gate = firing();

    assertThat(gate.firing()).isTrue();
    assertThat(gate.breachStart()).isEqualTo(T0);
    assertThat(everyMinute(gate, T0 + 6 * MINUTE, repeat(150, 30))).containsOnly(NONE);
  }

  @Test
  void sparseEvaluationsNeedTheMinimumCountAsWellAsTheDuration() {
    NoiseGate gate = gate();
    assertThat(gate.evaluate(T0, 150, THRESHOLD)).isEqualTo(NONE);
    assertThat(gate.evaluate(T0 + 20 * MINUTE, 150, THRESHOLD)).isEqualTo(NONE);
    assertThat(gate.evaluate(T0 + 40 * MINUTE, 150, THRESHOLD)).isEqualTo(FIRE);
    assertThat(gate.breachStart()).isEqualTo(T0);
  }

  @Test
  void exactlyAtTheThresholdIsNoBreach() {
    NoiseGate gate = gate();
    assertThat(everyMinute(gate, T0, repeat(THRESHOLD, 60))).containsOnly(NONE);
    assertThat(gate.phase()).isEqualTo(Phase.QUIET);
  }

  @Test
  void aBreachInterruptedBeforeTheMinimumStartsAgain() {
    NoiseGate gate = gate();
    assertThat(everyMinute(gate, T0, 150, 150, 150, 150, 50, 150, 150, 150, 150, 150, 150))
        .containsExactly(NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, FIRE);
    assertThat(gate.breachStart()).isEqualTo(T0 + 5 * MINUTE);
  }

  @Test
  void hysteresisKeepsAValueHoveringAroundTheThresholdFromFlapping() {
    NoiseGate gate = firing();
    double[] wobble = new double[64];
    for (int i = 0; i < wobble.length; i++) {
      // Mostly just below the threshold (above its resolve line of 90) for longer than the resolve
      // wait, with a reading above it now and then: without hysteresis this would resolve and re-fire.
      wobble[i] = i % 16 == 15 ? 105 : 95;
    }

    assertThat(everyMinute(gate, T0 + 6 * MINUTE, wobble)).containsOnly(NONE);
    assertThat(gate.phase()).isEqualTo(Phase.FIRING);
  }

  @Test
  void resolvesOnlyAfterStayingBelowTheResolveLineForTheMinimum() {
    NoiseGate gate = firing();
    long clear = T0 + 10 * MINUTE;

    // Five minutes clear, then one reading above the line: the wait starts again.
    assertThat(everyMinute(gate, clear, 85, 85, 85, 85, 85, 95)).containsOnly(NONE);
    assertThat(gate.phase()).isEqualTo(Phase.FIRING);

    List<Signal> signals = everyMinute(gate, clear + 6 * MINUTE, repeat(85, 11));
    assertThat(signals.subList(0, 10)).containsOnly(NONE);
    assertThat(signals.get(10)).isEqualTo(RESOLVE);
    assertThat(gate.phase()).isEqualTo(Phase.QUIET);
  }

  @Test
  void aNewBreachAfterResolvingIsANewEpisode() {
    NoiseGate gate = firing();
    assertThat(everyMinute(gate, T0 + 10 * MINUTE, repeat(10, 11)).get(10)).isEqualTo(RESOLVE);

    long again = T0 + 2 * 60 * MINUTE;
    assertThat(everyMinute(gate, again, repeat(300, 6))).containsExactly(NONE, NONE, NONE, NONE, NONE, FIRE);
    assertThat(gate.breachStart()).isEqualTo(again);
  }

  @Test
  void lateEvaluationsNeverTurnTheClockBack() {
    NoiseGate gate = gate();
    assertThat(gate.evaluate(T0 + 10 * MINUTE, 150, THRESHOLD)).isEqualTo(NONE);
    // Stamped earlier, but taken as happening at T0 + 10 min: the breach does not get older.
    assertThat(gate.evaluate(T0, 150, THRESHOLD)).isEqualTo(NONE);
    assertThat(gate.evaluate(T0 + MINUTE, 150, THRESHOLD)).isEqualTo(NONE);
    assertThat(gate.breachStart()).isEqualTo(T0 + 10 * MINUTE);
    assertThat(gate.evaluate(T0 + 15 * MINUTE, 150, THRESHOLD)).isEqualTo(FIRE);
  }

  @Test
  void immediateSettingsFireAndResolveOnTheFirstReading() {
    NoiseGate gate = new NoiseGate(NoiseGate.Settings.IMMEDIATE);
    assertThat(gate.evaluate(T0, 101, THRESHOLD)).isEqualTo(FIRE);
    assertThat(gate.evaluate(T0 + 60 * MINUTE, 100, THRESHOLD)).isEqualTo(RESOLVE);
    assertThat(gate.evaluate(T0 + 120 * MINUTE, 100, THRESHOLD)).isEqualTo(NONE);
  }

  @Test
  void roundTripsMidEpisodeAndCarriesOnAlike() {
    NoiseGate original = firing();
    everyMinute(original, T0 + 10 * MINUTE, 85, 85, 85);
    assertThat(original.phase()).isEqualTo(Phase.CLEARING);

    byte[] bytes = original.toBytes();
    NoiseGate decoded = NoiseGate.fromBytes(bytes, NoiseGate.Settings.DEFAULTS);

    assertThat(bytes).hasSize(30);
    assertThat(decoded.toBytes()).isEqualTo(bytes);
    assertThat(decoded.phase()).isEqualTo(Phase.CLEARING);
    assertThat(decoded.breachStart()).isEqualTo(T0);
    double[] rest = {85, 85, 85, 85, 85, 85, 85, 85, 150, 150, 150, 150, 150, 150};
    assertThat(everyMinute(decoded, T0 + 13 * MINUTE, rest)).isEqualTo(everyMinute(original, T0 + 13 * MINUTE, rest))
        .contains(RESOLVE, FIRE);
    assertThat(NoiseGate.fromBytes(gate().toBytes(), NoiseGate.Settings.DEFAULTS).phase()).isEqualTo(Phase.QUIET);
  }

  @Test
  void rejectsWhatItCannotJudge() {
    assertThatThrownBy(() -> gate().evaluate(T0, 10, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold NaN")
        .hasMessageContaining("2025-06-04T14:00:00Z");
    assertThatThrownBy(() -> new NoiseGate.Settings(0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minBreachEvaluations 0");
    assertThatThrownBy(() -> new NoiseGate.Settings(1, 0, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hysteresis 1.0");
    byte[] newer = gate().toBytes();
    newer[0] = 2;
    assertThatThrownBy(() -> NoiseGate.fromBytes(newer, NoiseGate.Settings.DEFAULTS))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 2");
    assertThatThrownBy(() -> NoiseGate.fromBytes(new byte[] {1, 0}, NoiseGate.Settings.DEFAULTS))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("2 bytes");
  }
}
