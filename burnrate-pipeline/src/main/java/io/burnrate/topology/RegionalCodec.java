package io.burnrate.topology;

import static io.burnrate.core.BinaryCodec.expectFormat;
import static io.burnrate.core.BinaryCodec.read;
import static io.burnrate.core.BinaryCodec.readNullable;
import static io.burnrate.core.BinaryCodec.write;
import static io.burnrate.core.BinaryCodec.writeNullable;

import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.RegionalEpisode;
import io.burnrate.rules.RegionalHour;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary form of the regional comparison's records: a closed hour or an upstream partition's
 * progress on the repartition topic,
 * an instance type's hour and an endpoint's episodes in their stores. The first byte is a format
 * version, so that a later release can read what an earlier one wrote.
 */
final class RegionalCodec {
  private static final byte ENDPOINT_HOUR_FORMAT = 1;
  private static final byte UPSTREAM_PROGRESS_FORMAT = 2;
  /** Format 1: the per-hour lifecycle's hour, with the endpoints alerted on in it. */
  private static final byte REGIONAL_HOUR_FORMAT_PER_HOUR_ALERTS = 1;
  /** Format 2: the endpoints episodes covered in it, and alerts of format 1 not yet handed over. */
  private static final byte REGIONAL_HOUR_FORMAT = 2;
  private static final byte REGIONAL_EPISODE_FORMAT = 1;

  private RegionalCodec() {}

  static Serde<RegionalEpisode> regionalEpisodes() {
    return Serdes.serdeFrom(
        (topic, episode) -> episode == null ? null : encode(episode),
        (topic, bytes) -> bytes == null ? null : decodeRegionalEpisode(bytes));
  }

  static Serde<EndpointHour> endpointHours() {
    return Serdes.serdeFrom(
        (topic, hour) -> hour == null ? null : encode(hour),
        (topic, bytes) -> bytes == null ? null : decodeEndpointHour(bytes));
  }

  /**
   * The repartition topic's values: closed hours ({@link EndpointHour}, format 1) and the upstream
   * partitions' progress ({@link UpstreamProgress}, format 2).
   */
  static Serde<Object> repartitionValues() {
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          if (value instanceof EndpointHour hour) {
            return encode(hour);
          }
          UpstreamProgress progress = (UpstreamProgress) value;
          return write(out -> {
            out.writeByte(UPSTREAM_PROGRESS_FORMAT);
            out.writeInt(progress.partition());
            out.writeLong(progress.time());
          });
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          if (bytes.length > 0 && bytes[0] == UPSTREAM_PROGRESS_FORMAT) {
            return read(bytes, "upstream progress", in -> {
              in.readByte();
              return new UpstreamProgress(in.readInt(), in.readLong());
            });
          }
          return decodeEndpointHour(bytes);
        });
  }

  static Serde<RegionalHour> regionalHours() {
    return Serdes.serdeFrom(
        (topic, hour) -> hour == null ? null : encode(hour),
        (topic, bytes) -> bytes == null ? null : decodeRegionalHour(bytes));
  }

  static byte[] encode(EndpointHour hour) {
    return write(out -> {
      out.writeByte(ENDPOINT_HOUR_FORMAT);
      writeEndpointHour(out, hour);
    });
  }

  static EndpointHour decodeEndpointHour(byte[] bytes) {
    return read(bytes, "closed endpoint hour", in -> {
      expectFormat(in, ENDPOINT_HOUR_FORMAT, "closed endpoint hour");
      return readEndpointHour(in);
    });
  }

  static byte[] encode(RegionalHour hour) {
    return write(out -> {
      out.writeByte(REGIONAL_HOUR_FORMAT);
      out.writeUTF(hour.instanceType);
      out.writeLong(hour.hourStart);
      out.writeBoolean(hour.compared);
      out.writeBoolean(hour.nextCompared);
      out.writeInt(hour.endpoints.size());
      for (EndpointHour endpoint : hour.endpoints.values()) {
        writeEndpointHour(out, endpoint);
      }
      out.writeInt(hour.covered.size());
      for (String endpointId : hour.covered) {
        out.writeUTF(endpointId);
      }
      writeFired(out, hour.legacyAlerts);
    });
  }

  /**
   * Reads format 2 and format 1, which the per-hour lifecycle wrote: its {@code resolved} flag is
   * {@link RegionalHour#nextCompared} (both are set once the next hour has settled), and its alerted
   * endpoints become {@link RegionalHour#legacyAlerts} for the rule to hand over to episodes.
   */
  static RegionalHour decodeRegionalHour(byte[] bytes) {
    return read(bytes, "regional hour", in -> {
      byte format = in.readByte();
      if (format != REGIONAL_HOUR_FORMAT && format != REGIONAL_HOUR_FORMAT_PER_HOUR_ALERTS) {
        throw new IllegalStateException("unknown regional hour format " + format + ", expected "
            + REGIONAL_HOUR_FORMAT_PER_HOUR_ALERTS + " or " + REGIONAL_HOUR_FORMAT
            + ": the state was written by a newer release; reset the application state or upgrade");
      }
      RegionalHour hour = new RegionalHour(in.readUTF(), in.readLong());
      hour.compared = in.readBoolean();
      hour.nextCompared = in.readBoolean();
      int endpoints = in.readInt();
      for (int i = 0; i < endpoints; i++) {
        EndpointHour endpoint = readEndpointHour(in);
        hour.endpoints.put(endpoint.endpointId(), endpoint);
      }
      if (format == REGIONAL_HOUR_FORMAT) {
        int covered = in.readInt();
        for (int i = 0; i < covered; i++) {
          hour.covered.add(in.readUTF());
        }
      }
      readFired(in, hour.legacyAlerts);
      return hour;
    });
  }

  static byte[] encode(RegionalEpisode episode) {
    return write(out -> {
      out.writeByte(REGIONAL_EPISODE_FORMAT);
      out.writeUTF(episode.instanceType);
      out.writeUTF(episode.endpointId);
      out.writeBoolean(episode.open());
      if (episode.open()) {
        out.writeLong(episode.startHour);
        out.writeLong(episode.lastBreachHour);
        out.writeInt(episode.breachHours);
        out.writeLong(episode.lastHour);
        out.writeInt(episode.clearHours);
        out.writeBoolean(episode.announced);
        out.writeDouble(episode.threshold);
        out.writeDouble(episode.baselineUsdPerHour);
        writeNullable(out, episode.owner);
        writeNullable(out, episode.region);
      }
      out.writeInt(episode.announcedDays.size());
      for (long day : episode.announcedDays) {
        out.writeLong(day);
      }
    });
  }

  static RegionalEpisode decodeRegionalEpisode(byte[] bytes) {
    return read(bytes, "regional episode", in -> {
      expectFormat(in, REGIONAL_EPISODE_FORMAT, "regional episode");
      RegionalEpisode episode = new RegionalEpisode(in.readUTF(), in.readUTF());
      if (in.readBoolean()) {
        episode.startHour = in.readLong();
        episode.lastBreachHour = in.readLong();
        episode.breachHours = in.readInt();
        episode.lastHour = in.readLong();
        episode.clearHours = in.readInt();
        episode.announced = in.readBoolean();
        episode.threshold = in.readDouble();
        episode.baselineUsdPerHour = in.readDouble();
        episode.owner = readNullable(in);
        episode.region = readNullable(in);
      }
      int days = in.readInt();
      for (int i = 0; i < days; i++) {
        episode.announcedDays.add(in.readLong());
      }
      return episode;
    });
  }

  private static void writeFired(DataOutput out, Map<String, RegionalHour.Fired> fired) throws IOException {
    out.writeInt(fired.size());
    for (Map.Entry<String, RegionalHour.Fired> alert : fired.entrySet()) {
      out.writeUTF(alert.getKey());
      out.writeDouble(alert.getValue().threshold());
      out.writeDouble(alert.getValue().baselineUsdPerHour());
    }
  }

  private static void readFired(DataInput in, Map<String, RegionalHour.Fired> fired) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      fired.put(in.readUTF(), new RegionalHour.Fired(in.readDouble(), in.readDouble()));
    }
  }

  private static void writeEndpointHour(DataOutput out, EndpointHour hour) throws IOException {
    out.writeUTF(hour.endpointId());
    out.writeLong(hour.hourStart());
    out.writeUTF(hour.instanceType());
    out.writeUTF(hour.region());
    out.writeBoolean(hour.owner() != null);
    if (hour.owner() != null) {
      out.writeUTF(hour.owner());
    }
    out.writeLong(hour.computeMicros());
    out.writeLong(hour.replicaMs());
    out.writeDouble(hour.threshold());
  }

  private static EndpointHour readEndpointHour(DataInput in) throws IOException {
    String endpointId = in.readUTF();
    long hourStart = in.readLong();
    String instanceType = in.readUTF();
    String region = in.readUTF();
    String owner = in.readBoolean() ? in.readUTF() : null;
    return new EndpointHour(endpointId, hourStart, instanceType, region, owner, in.readLong(), in.readLong(),
        in.readDouble());
  }

}
