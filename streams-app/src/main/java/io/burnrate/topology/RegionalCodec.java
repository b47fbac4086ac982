package io.burnrate.topology;

import static io.burnrate.core.BinaryCodec.expectFormat;
import static io.burnrate.core.BinaryCodec.read;
import static io.burnrate.core.BinaryCodec.write;

import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.RegionalHour;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary form of the regional comparison's records: a closed hour on the repartition topic,
 * and an instance type's hour in its store. The first byte is a format version, so that a later
 * release can read what an earlier one wrote.
 */
final class RegionalCodec {
  private static final byte ENDPOINT_HOUR_FORMAT = 1;
  private static final byte REGIONAL_HOUR_FORMAT = 1;

  private RegionalCodec() {}

  static Serde<EndpointHour> endpointHours() {
    return Serdes.serdeFrom(
        (topic, hour) -> hour == null ? null : encode(hour),
        (topic, bytes) -> bytes == null ? null : decodeEndpointHour(bytes));
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
      out.writeBoolean(hour.resolved);
      out.writeInt(hour.endpoints.size());
      for (EndpointHour endpoint : hour.endpoints.values()) {
        writeEndpointHour(out, endpoint);
      }
      out.writeInt(hour.fired.size());
      for (Map.Entry<String, RegionalHour.Fired> fired : hour.fired.entrySet()) {
        out.writeUTF(fired.getKey());
        out.writeDouble(fired.getValue().threshold());
        out.writeDouble(fired.getValue().baselineUsdPerHour());
      }
    });
  }

  static RegionalHour decodeRegionalHour(byte[] bytes) {
    return read(bytes, "regional hour", in -> {
      expectFormat(in, REGIONAL_HOUR_FORMAT, "regional hour");
      RegionalHour hour = new RegionalHour(in.readUTF(), in.readLong());
      hour.compared = in.readBoolean();
      hour.resolved = in.readBoolean();
      int endpoints = in.readInt();
      for (int i = 0; i < endpoints; i++) {
        EndpointHour endpoint = readEndpointHour(in);
        hour.endpoints.put(endpoint.endpointId(), endpoint);
      }
      int fired = in.readInt();
      for (int i = 0; i < fired; i++) {
        hour.fired.put(in.readUTF(), new RegionalHour.Fired(in.readDouble(), in.readDouble()));
      }
      return hour;
    });
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
