package io.burnrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.actions.CommandMark;
import io.burnrate.baseline.NoiseGate;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.ClosedHour;
import io.burnrate.rules.Episode;
import io.burnrate.rules.LatencyBins;
import io.burnrate.rules.RuleTrack;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ScalingAction;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stores' binary form: encode, decode, encode gives the same bytes, with every field set. */
class StateCodecTest {
  private static final long T = Fixtures.at("2025-06-02T10:00:00Z");

  /** An endpoint state with every field holding a distinct, non-default value. */
  static EndpointState everyFieldSet() {
    EndpointState state = new EndpointState();
    state.clock = T + 17;
    state.meteredUntil = T + 16;
    state.nextHourToClose = T - Fixtures.HOUR;
    state.replicaCount = 3;
    state.lastRegion = "eu-west-1";
    state.lastInstanceType = "nvidia-a100";
    state.replicas.put("r-ready", new ReplicaRun("r-ready", T - 5_000, 4_500_000, T - 1_000));
    state.replicas.put("r-loading", new ReplicaRun("r-loading", T - 2_000, 0, ReplicaRun.NOT_READY));
    MinuteBucket minute = new MinuteBucket(T);
    minute.metered[0] = 11;
    minute.metered[1] = 12;
    for (int c = 0; c < minute.billed.length; c++) {
      minute.billed[c] = 20 + c;
    }
    minute.coldStarts = 2;
    minute.requests = 140;
    minute.errors = 3;
    state.minutes.put(minute.minuteStart, minute);
    state.minutes.put(T + Fixtures.MINUTE, new MinuteBucket(T + Fixtures.MINUTE));
    DayState day = new DayState(T - 10 * Fixtures.HOUR, T + 14 * Fixtures.HOUR);
    day.visibleMicros = 123_456_789;
    day.metered[0] = 100_000_000;
    day.metered[1] = 2_340_000;
    for (int c = 0; c < day.billed.length; c++) {
      day.billed[c] = 1_000 * (c + 1);
    }
    day.scaleUps = 51;
    day.setTierFired(0, true);
    day.setTierFired(2, true);
    state.days.put(day.dayStart, day);
    // Open episodes as a release before the alert lifecycle stored them: firing since the window start.
    open(state, AlertRule.HOURLY_SPEND_RATE, new Episode("id-1", T - 59 * Fixtures.MINUTE, T, 4.17, null, T));
    open(state, AlertRule.RUNAWAY_SCALING, new Episode("id-2", T, T, 8, 6.5, T + 1));
    open(state, AlertRule.COST_PER_REQUEST_RISING, new Episode("id-3", T - Fixtures.HOUR, T, 0.015, 0.01, T + 300_000));
    state.lastCommands.put(ScalingAction.SCALE_DOWN, new CommandMark(T, 1));
    state.lastCommands.put(ScalingAction.ROUTE_OVERFLOW, new CommandMark(T + 5, Integer.MAX_VALUE));
    state.trailingHours.addLast(new ClosedHour(T - 2 * Fixtures.HOUR, 1_000_000, 100, false));
    state.trailingHours.addLast(new ClosedHour(T - Fixtures.HOUR, 2_000_000, 120, true));
    return state;
  }

  private static void open(EndpointState state, AlertRule rule, Episode episode) {
    RuleTrack track = new RuleTrack(NoiseGate.firing(NoiseGate.Settings.DEFAULTS, episode.windowStart(),
        episode.detectedAt()));
    track.open = episode;
    state.tracks.put(rule, track);
  }

  static SliceStats sliceWithEveryFieldSet() {
    SliceStats slice = new SliceStats(T, T + Fixtures.HOUR);
    slice.metered[0] = 1_200_000;
    slice.metered[1] = 2_340_000;
    for (int c = 0; c < slice.billed.length; c++) {
      slice.billed[c] = 10_000 * (c + 1);
    }
    slice.requests = 500;
    slice.errors = 7;
    slice.coldStarts = 2;
    slice.scaleEvents = 4;
    slice.scaleUps = 3;
    slice.maxReplicas = 5;
    slice.busyMicros = 123_456_789;
    slice.readyReplicaMs = 3_000_000;
    for (int i = 0; i < 500; i++) {
      slice.recordWarmLatency(80 + (i * 37) % 900);
    }
    return slice;
  }

  @Test
  void endpointStateRoundTripsToIdenticalBytes() {
    byte[] bytes = StateCodec.encode(everyFieldSet());

    EndpointState decoded = StateCodec.decodeEndpoint(bytes);

    assertThat(StateCodec.encode(decoded)).isEqualTo(bytes);
    assertThat(decoded.clock).isEqualTo(T + 17);
    assertThat(decoded.lastInstanceType).isEqualTo("nvidia-a100");
    assertThat(decoded.replicas.get("r-loading").ready()).isFalse();
    assertThat(decoded.replicas.get("r-ready").readyAt).isEqualTo(T - 1_000);
    assertThat(decoded.days.firstEntry().getValue().tierFired(2)).isTrue();
    assertThat(decoded.days.firstEntry().getValue().tierFired(1)).isFalse();
    assertThat(decoded.tracks.get(AlertRule.RUNAWAY_SCALING).open).isEqualTo(new Episode("id-2", T, T, 8, 6.5, T + 1));
    assertThat(decoded.tracks.get(AlertRule.HOURLY_SPEND_RATE).open.baseline()).isNull();
    assertThat(decoded.lastCommands.get(ScalingAction.ROUTE_OVERFLOW)).isEqualTo(new CommandMark(T + 5, Integer.MAX_VALUE));
    assertThat(decoded.trailingHours).extracting(h -> h.costPerRequestFired).containsExactly(false, true);
  }

  @Test
  void freshStateRoundTrips() {
    byte[] bytes = StateCodec.encode(new EndpointState());

    assertThat(StateCodec.encode(StateCodec.decodeEndpoint(bytes))).isEqualTo(bytes);
    assertThat(StateCodec.decodeEndpoint(bytes).hasSeenEvents()).isFalse();
  }

  @Test
  void sliceWithALatencySketchRoundTripsToIdenticalBytes() {
    SliceStats slice = sliceWithEveryFieldSet();
    byte[] bytes = StateCodec.encode(slice);

    SliceStats decoded = StateCodec.decodeSlice(bytes);

    assertThat(StateCodec.encode(decoded)).isEqualTo(bytes);
    assertThat(decoded.warmLatency.getCount()).isEqualTo(500.0);
    assertThat(decoded.warmLatency.getValueAtQuantile(0.95)).isEqualTo(slice.warmLatency.getValueAtQuantile(0.95));
    assertThat(decoded.busyMicros).isEqualTo(123_456_789);
    assertThat(decoded.billed).containsExactly(slice.billed);
  }

  @Test
  void sliceWithoutRequestsRoundTrips() {
    SliceStats slice = new SliceStats(T, T + 30 * Fixtures.MINUTE);
    slice.metered[0] = 600_000;
    byte[] bytes = StateCodec.encode(slice);

    SliceStats decoded = StateCodec.decodeSlice(bytes);

    assertThat(StateCodec.encode(decoded)).isEqualTo(bytes);
    assertThat(decoded.sliceEnd).isEqualTo(T + 30 * Fixtures.MINUTE);
    assertThat(decoded.warmLatency).isNull();
  }

  @Test
  void stateOfAnotherFormatIsRefusedWithAnExplanation() {
    byte[] bytes = StateCodec.encode(new EndpointState());
    bytes[0] = 9;

    assertThatThrownBy(() -> StateCodec.decodeEndpoint(bytes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("format 9")
        .hasMessageContaining("reset the application state or upgrade");
  }

  @Test
  void truncatedStateIsReportedAsCorrupt() {
    byte[] bytes = StateCodec.encode(everyFieldSet());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> StateCodec.decodeEndpoint(truncated))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("corrupt endpoint state record of " + truncated.length + " bytes");
  }

  /** Fixed width, a minute bucket took 140 bytes; an endpoint state carries 65 of them. */
  @Test
  void aTypicalMinuteBucketTakesAFractionOfItsFixedWidth() {
    EndpointState state = new EndpointState();
    int before = StateCodec.encode(state).length;
    for (int m = 0; m < 65; m++) {
      MinuteBucket minute = new MinuteBucket(T + m * Fixtures.MINUTE);
      minute.metered[0] = 41_667; // a $2.50/h replica for a minute, in micro-dollars
      minute.requests = 180;
      minute.warmRequests = 178;
      minute.coldStarts = m % 20 == 0 ? 1 : 0;
      state.minutes.put(minute.minuteStart, minute);
    }

    double perMinute = (StateCodec.encode(state).length - before) / 65.0;

    assertThat(perMinute).isLessThan(140 / 4.0);
  }

  @Test
  void stateWrittenWithFixedWidthNumbersByAnEarlierReleaseIsStillRead() throws Exception {
    List<byte[]> fixedWidth = formatOneRecords();
    assertThat(fixedWidth.get(0)[0]).isEqualTo((byte) 1);

    EndpointState state = StateCodec.decodeEndpoint(fixedWidth.get(0));
    SliceStats slice = StateCodec.decodeSlice(fixedWidth.get(1));

    assertThat(StateCodec.encode(state)).isEqualTo(StateCodec.encode(everyFieldSet()));
    assertThat(StateCodec.encode(slice)).isEqualTo(StateCodec.encode(sliceWithEveryFieldSet()));
  }

  @Test
  void latencyBinsAndAdviceDaysRoundTrip() {
    EndpointState state = everyFieldSet();
    MinuteBucket minute = state.minutes.values().iterator().next();
    minute.warmRequests = 24;
    minute.latencyBins = new long[LatencyBins.COUNT];
    minute.latencyBins[3] = 17;
    minute.latencyBins[LatencyBins.COUNT - 1] = 2;
    minute.slowestMs = 2_346;
    RuleTrack advised = new RuleTrack(new NoiseGate(NoiseGate.Settings.DEFAULTS));
    advised.firedDay = T - 10 * Fixtures.HOUR;
    state.tracks.put(AlertRule.LOW_UTILIZATION, advised);
    byte[] bytes = StateCodec.encode(state);

    EndpointState decoded = StateCodec.decodeEndpoint(bytes);

    assertThat(StateCodec.encode(decoded)).isEqualTo(bytes);
    MinuteBucket read = decoded.minutes.values().iterator().next();
    assertThat(read.latencyBins[3]).isEqualTo(17);
    assertThat(read.latencyBins[LatencyBins.COUNT - 1]).isEqualTo(2);
    assertThat(read.slowestMs).isEqualTo(2_346.0);
    assertThat(decoded.tracks.get(AlertRule.LOW_UTILIZATION).firedDay).isEqualTo(T - 10 * Fixtures.HOUR);
    assertThat(decoded.tracks.get(AlertRule.LOW_UTILIZATION).open).isNull();
  }

  /**
   * The release before the alert lifecycle kept open episodes, closed-hour episodes and the noise
   * gates of the baseline rules apart; they load as the rules' tracks, so an alert open before an
   * upgrade resolves after it with the same id.
   */
  @Test
  void stateOfTheReleaseBeforeTheLifecycleLoadsItsEpisodesAndGatesAsTracks() throws Exception {
    byte[] compact = goldenRecords("/engine/state-format-2.txt").get(0);
    assertThat(compact[0]).isEqualTo((byte) 2);

    EndpointState state = StateCodec.decodeEndpoint(compact);

    assertThat(state.tracks.get(AlertRule.HOURLY_SPEND_RATE).open.alertId()).isEqualTo("id-1");
    assertThat(state.tracks.get(AlertRule.HOURLY_SPEND_RATE).gate.phase()).isEqualTo(NoiseGate.Phase.FIRING);
    assertThat(state.tracks.get(AlertRule.COST_PER_REQUEST_RISING).open)
        .isEqualTo(new Episode("id-3", T - Fixtures.HOUR, T, 0.015, 0.01, T + 300_000));
    RuleTrack spike = state.tracks.get(AlertRule.COST_SPIKE);
    assertThat(spike.gate.phase()).isEqualTo(NoiseGate.Phase.CLEARING);
    assertThat(spike.open.alertId()).isEqualTo("id-4");
    RuleTrack surge = state.tracks.get(AlertRule.REQUEST_SURGE);
    assertThat(surge.gate.phase()).isEqualTo(NoiseGate.Phase.PENDING);
    assertThat(surge.open).isNull();
    assertThat(state.minutes.values()).allSatisfy(m -> assertThat(m.latencyBins).isNull());
    assertThat(StateCodec.decodeEndpoint(StateCodec.encode(state)).tracks.keySet()).isEqualTo(state.tracks.keySet());
  }

  private static List<byte[]> formatOneRecords() throws Exception {
    return goldenRecords("/engine/state-format-1.txt");
  }

  private static List<byte[]> goldenRecords(String resource) throws Exception {
    try (InputStream in = StateCodecTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
          .filter(line -> !line.startsWith("#"))
          .map(line -> Base64.getDecoder().decode(line.trim()))
          .toList();
    }
  }
}
