package io.burnrate.engine;

import static io.burnrate.core.BinaryCodec.expectFormat;
import static io.burnrate.core.BinaryCodec.readNullable;
import static io.burnrate.core.BinaryCodec.write;
import static io.burnrate.core.BinaryCodec.writeCompact;
import static io.burnrate.core.BinaryCodec.writeNullable;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import io.burnrate.baseline.NoiseGate;
import io.burnrate.core.BinaryCodec;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.ClosedHour;
import io.burnrate.rules.Episode;
import io.burnrate.rules.LatencyBins;
import io.burnrate.rules.RuleTrack;
import io.burnrate.schema.AlertRule;
import io.burnrate.actions.CommandMark;
import io.burnrate.schema.ScalingAction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Compact binary form of the engine's state, for RocksDB stores and their changelogs. The first byte
 * is a format version, so that a later release can read what an earlier one wrote.
 */
public final class StateCodec {
  /** Fixed-width numbers, as releases before the compact format wrote them; still read. */
  private static final byte ENDPOINT_FIXED = 1;
  private static final byte ENDPOINT_COMPACT = 2;
  /** Compact, with each rule's lifecycle track and the minutes' latency bins. */
  private static final byte ENDPOINT_TRACKS = 3;
  private static final byte SLICE_FIXED = 1;
  private static final byte SLICE_COMPACT = 2;
  private static final byte LINE_ITEM_FORMAT = 1;

  private StateCodec() {}

  /**
   * Written on every record of the endpoint, so in the compact form: the 65 minute buckets are mostly
   * zeros and small counts.
   */
  public static byte[] encode(EndpointState state) {
    return writeCompact(ENDPOINT_TRACKS, out -> {
      out.writeLong(state.clock);
      out.writeLong(state.meteredUntil);
      out.writeLong(state.nextHourToClose);
      out.writeInt(state.replicaCount);
      out.writeLong(state.lastReplicaEventAt);
      out.writeInt(state.stoppedReplicas.size());
      for (Map.Entry<String, Long> stopped : state.stoppedReplicas.entrySet()) {
        out.writeUTF(stopped.getKey());
        out.writeLong(stopped.getValue());
      }
      writeNullable(out, state.lastRegion);
      writeNullable(out, state.lastInstanceType);
      out.writeInt(state.replicas.size());
      for (ReplicaRun run : state.replicas.values()) {
        out.writeUTF(run.replicaId);
        out.writeLong(run.startedAt);
        out.writeLong(run.microsPerHour);
        out.writeLong(run.readyAt);
      }
      out.writeInt(state.minutes.size());
      for (MinuteBucket minute : state.minutes.values()) {
        out.writeLong(minute.minuteStart);
        writeLongs(out, minute.metered);
        writeLongs(out, minute.billed);
        out.writeLong(minute.coldStarts);
        out.writeLong(minute.requests);
        out.writeLong(minute.errors);
        out.writeLong(minute.warmRequests);
        out.writeLong(minute.slowRequests);
        out.writeInt(minute.maxQueueDepth);
        out.writeLong(minute.deepQueueRequests);
        writeLatencyBins(out, minute);
      }
      out.writeInt(state.days.size());
      for (DayState day : state.days.values()) {
        out.writeLong(day.dayStart);
        out.writeLong(day.dayEnd);
        out.writeLong(day.visibleMicros);
        writeLongs(out, day.metered);
        writeLongs(out, day.billed);
        out.writeLong(day.scaleUps);
        out.writeInt(day.firedTiers);
        out.writeByte(day.thrash);
        out.writeByte(day.forecast);
      }
      out.writeInt(state.tracks.size());
      for (Map.Entry<AlertRule, RuleTrack> entry : state.tracks.entrySet()) {
        out.writeUTF(entry.getKey().name());
        RuleTrack track = entry.getValue();
        track.gate.writeTo(out);
        out.writeBoolean(track.open != null);
        if (track.open != null) {
          writeEpisode(out, track.open);
        }
        out.writeLong(track.firedDay);
      }
      out.writeInt(state.lastCommands.size());
      for (Map.Entry<ScalingAction, CommandMark> entry : state.lastCommands.entrySet()) {
        out.writeUTF(entry.getKey().name());
        out.writeLong(entry.getValue().issuedAt());
        out.writeInt(entry.getValue().targetReplicas());
      }
      out.writeInt(state.trailingHours.size());
      for (ClosedHour hour : state.trailingHours) {
        out.writeLong(hour.hourStart);
        out.writeLong(hour.spendMicros);
        out.writeLong(hour.requests);
        out.writeBoolean(hour.costPerRequestFired);
        out.writeLong(hour.meteredMicros);
        out.writeLong(hour.billedMeterableMicros);
        out.writeLong(hour.busyMicros);
        out.writeLong(hour.readyReplicaMs);
      }
      out.writeLong(state.expectedHour);
      out.writeLong(state.forecastCheckedAt);
      for (int i = 0; i < 2; i++) {
        out.writeDouble(state.expectedSpend[i]);
        out.writeDouble(state.expectedRequests[i]);
      }
    });
  }

  public static EndpointState decodeEndpoint(byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == ENDPOINT_TRACKS) {
      return BinaryCodec.readFormat(bytes, "endpoint state", ENDPOINT_FIXED, ENDPOINT_TRACKS,
          in -> readEndpoint(in, true));
    }
    return BinaryCodec.readFormat(bytes, "endpoint state", ENDPOINT_FIXED, ENDPOINT_COMPACT,
        in -> readEndpoint(in, false));
  }

  /**
   * Reads an endpoint state; {@code withTracks} false: a release before the alert lifecycle wrote it,
   * whose open episodes, hour episodes and noise gates become the rules' tracks.
   */
  private static EndpointState readEndpoint(DataInput in, boolean withTracks) throws IOException {
      EndpointState state = new EndpointState();
      state.clock = in.readLong();
      state.meteredUntil = in.readLong();
      state.nextHourToClose = in.readLong();
      state.replicaCount = in.readInt();
      state.lastReplicaEventAt = in.readLong();
      for (int i = in.readInt(); i > 0; i--) {
        state.stoppedReplicas.put(in.readUTF(), in.readLong());
      }
      state.lastRegion = readNullable(in);
      state.lastInstanceType = readNullable(in);
      for (int i = in.readInt(); i > 0; i--) {
        ReplicaRun run = new ReplicaRun(in.readUTF(), in.readLong(), in.readLong(), in.readLong());
        state.replicas.put(run.replicaId, run);
      }
      for (int i = in.readInt(); i > 0; i--) {
        MinuteBucket minute = new MinuteBucket(in.readLong());
        readLongs(in, minute.metered);
        readLongs(in, minute.billed);
        minute.coldStarts = in.readLong();
        minute.requests = in.readLong();
        minute.errors = in.readLong();
        minute.warmRequests = in.readLong();
        minute.slowRequests = in.readLong();
        minute.maxQueueDepth = in.readInt();
        minute.deepQueueRequests = in.readLong();
        if (withTracks) {
          readLatencyBins(in, minute);
        }
        state.minutes.put(minute.minuteStart, minute);
      }
      for (int i = in.readInt(); i > 0; i--) {
        DayState day = new DayState(in.readLong(), in.readLong());
        day.visibleMicros = in.readLong();
        readLongs(in, day.metered);
        readLongs(in, day.billed);
        day.scaleUps = in.readLong();
        day.firedTiers = in.readInt();
        day.thrash = in.readByte();
        day.forecast = in.readByte();
        state.days.put(day.dayStart, day);
      }
      Map<AlertRule, Episode> legacyEpisodes = new EnumMap<>(AlertRule.class);
      if (withTracks) {
        for (int i = in.readInt(); i > 0; i--) {
          AlertRule rule = AlertRule.valueOf(in.readUTF());
          // Settings are not stored: the lifecycle puts the configured ones back when it uses a gate.
          RuleTrack track = new RuleTrack(NoiseGate.readFrom(in, NoiseGate.Settings.DEFAULTS));
          track.open = in.readBoolean() ? readEpisode(in) : null;
          track.firedDay = in.readLong();
          state.tracks.put(rule, track);
        }
      } else {
        for (int i = in.readInt(); i > 0; i--) {
          legacyEpisodes.put(AlertRule.valueOf(in.readUTF()), readEpisode(in));
        }
        for (int i = in.readInt(); i > 0; i--) {
          String key = in.readUTF();
          legacyEpisodes.put(AlertRule.valueOf(key.substring(0, key.indexOf('@'))), readEpisode(in));
        }
      }
      for (int i = in.readInt(); i > 0; i--) {
        ScalingAction action = ScalingAction.valueOf(in.readUTF());
        state.lastCommands.put(action, new CommandMark(in.readLong(), in.readInt()));
      }
      for (int i = in.readInt(); i > 0; i--) {
        ClosedHour hour = new ClosedHour(in.readLong(), in.readLong(), in.readLong(), in.readBoolean())
            .withMeteredAndBilled(in.readLong(), in.readLong());
        if (withTracks) {
          hour.withUse(in.readLong(), in.readLong());
        }
        state.trailingHours.addLast(hour);
      }
      if (!withTracks) {
        for (int i = in.readInt(); i > 0; i--) {
          AlertRule rule = AlertRule.valueOf(in.readUTF());
          state.tracks.put(rule, new RuleTrack(NoiseGate.readFrom(in, NoiseGate.Settings.DEFAULTS)));
        }
        legacyEpisodes.forEach((rule, episode) -> state.tracks.computeIfAbsent(rule, r -> new RuleTrack(
            NoiseGate.firing(NoiseGate.Settings.DEFAULTS, episode.windowStart(), episode.detectedAt()))).open = episode);
      }
      state.expectedHour = in.readLong();
      state.forecastCheckedAt = in.readLong();
      for (int i = 0; i < 2; i++) {
        state.expectedSpend[i] = in.readDouble();
        state.expectedRequests[i] = in.readDouble();
      }
      return state;
  }

  /**
   * The bins above the first that counted any request, as a bit set and their counts, and the slowest
   * request in whole milliseconds (rounded up) when the last bin counted any: a healthy minute, all of
   * whose requests fell in the first bin, takes one byte.
   */
  private static void writeLatencyBins(DataOutput out, MinuteBucket minute) throws IOException {
    long[] bins = minute.latencyBins;
    int used = 0;
    for (int i = 1; bins != null && i < bins.length; i++) {
      if (bins[i] != 0) {
        used |= 1 << i;
      }
    }
    out.writeInt(used);
    for (int i = 1; used != 0 && i < bins.length; i++) {
      if (bins[i] != 0) {
        out.writeLong(bins[i]);
      }
    }
    if (used != 0 && bins[bins.length - 1] != 0) {
      out.writeLong((long) Math.ceil(minute.slowestMs));
    }
  }

  private static void readLatencyBins(DataInput in, MinuteBucket minute) throws IOException {
    int used = in.readInt();
    if (used == 0) {
      return;
    }
    if ((used & 1) != 0 || used >>> LatencyBins.COUNT != 0) {
      throw new IOException("latency bins " + Integer.toBinaryString(used) + " out of range");
    }
    long[] bins = new long[LatencyBins.COUNT];
    for (int i = 1; i < bins.length; i++) {
      if ((used & (1 << i)) != 0) {
        bins[i] = in.readLong();
      }
    }
    minute.latencyBins = bins;
    if (bins[bins.length - 1] != 0) {
      minute.slowestMs = in.readLong();
    }
  }

  public static byte[] encode(SliceStats slice) {
    return writeCompact(SLICE_COMPACT, out -> {
      out.writeLong(slice.sliceStart);
      out.writeLong(slice.sliceEnd);
      writeLongs(out, slice.metered);
      writeLongs(out, slice.billed);
      out.writeLong(slice.requests);
      out.writeLong(slice.errors);
      out.writeLong(slice.coldStarts);
      out.writeLong(slice.scaleEvents);
      out.writeLong(slice.scaleUps);
      out.writeInt(slice.maxReplicas);
      out.writeLong(slice.busyMicros);
      out.writeLong(slice.readyReplicaMs);
      if (slice.warmLatency == null || slice.warmLatency.isEmpty()) {
        out.writeInt(0);
      } else {
        GrowingByteArrayOutput sketch = GrowingByteArrayOutput.withDefaultInitialCapacity();
        slice.warmLatency.encode(sketch, false);
        byte[] bytes = sketch.trimmedCopy();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    });
  }

  public static SliceStats decodeSlice(byte[] bytes) {
    return BinaryCodec.readFormat(bytes, "slice", SLICE_FIXED, SLICE_COMPACT, in -> {
      SliceStats slice = new SliceStats(in.readLong(), in.readLong());
      readLongs(in, slice.metered);
      readLongs(in, slice.billed);
      slice.requests = in.readLong();
      slice.errors = in.readLong();
      slice.coldStarts = in.readLong();
      slice.scaleEvents = in.readLong();
      slice.scaleUps = in.readLong();
      slice.maxReplicas = in.readInt();
      slice.busyMicros = in.readLong();
      slice.readyReplicaMs = in.readLong();
      int sketchLength = in.readInt();
      if (sketchLength > 0) {
        byte[] sketch = new byte[sketchLength];
        in.readFully(sketch);
        slice.warmLatency = DDSketch.decode(ByteArrayInput.wrap(sketch),
            () -> new CollapsingLowestDenseStore(SliceStats.SKETCH_MAX_BINS));
      }
      return slice;
    });
  }

  public static byte[] encode(Events.LineItem item) {
    return write(out -> {
      out.writeByte(LINE_ITEM_FORMAT);
      out.writeUTF(item.lineItemId());
      out.writeUTF(item.endpointId());
      out.writeLong(item.usageStart());
      out.writeLong(item.usageEnd());
      out.writeInt(item.category());
      out.writeLong(item.costMicros());
      writeNullable(out, item.region());
      writeNullable(out, item.instanceType());
    });
  }

  public static Events.LineItem decodeLineItem(byte[] bytes) {
    return BinaryCodec.read(bytes, "state", in -> {
      expectFormat(in, LINE_ITEM_FORMAT, "line item");
      return new Events.LineItem(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readInt(),
          in.readLong(), readNullable(in), readNullable(in));
    });
  }

  private static void writeEpisode(DataOutput out, Episode episode) throws IOException {
    out.writeUTF(episode.alertId());
    out.writeLong(episode.windowStart());
    out.writeLong(episode.windowEnd());
    out.writeDouble(episode.threshold());
    out.writeBoolean(episode.baseline() != null);
    if (episode.baseline() != null) {
      out.writeDouble(episode.baseline());
    }
    out.writeLong(episode.detectedAt());
  }

  private static Episode readEpisode(DataInput in) throws IOException {
    String id = in.readUTF();
    long start = in.readLong();
    long end = in.readLong();
    double threshold = in.readDouble();
    Double baseline = in.readBoolean() ? in.readDouble() : null;
    return new Episode(id, start, end, threshold, baseline, in.readLong());
  }

  private static void writeLongs(DataOutput out, long[] values) throws IOException {
    for (long value : values) {
      out.writeLong(value);
    }
  }

  private static void readLongs(DataInput in, long[] into) throws IOException {
    for (int i = 0; i < into.length; i++) {
      into[i] = in.readLong();
    }
  }

}
