package io.burnrate.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent Schema Registry framing of a value: byte {@code 0x00}, the 4-byte big-endian schema
 * id, then the Avro binary encoding.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0x00;
  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /**
   * The schema id of a framed value, without decoding the payload.
   *
   * @throws WireFormatException if {@code framed} is null, shorter than the header, or does not
   *     start with the magic byte
   */
  public static int schemaIdOf(byte[] framed) {
    return readHeader(null, framed);
  }

  /** Writes the header for {@code schemaId} into the first {@link #HEADER_LENGTH} bytes of {@code target}. */
  static void writeHeader(int schemaId, byte[] target) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /** Checks the header and returns the schema id; {@code topic} (may be null) prefixes errors. */
  static int readHeader(String topic, byte[] framed) {
    String where = topic == null ? "" : topic + ": ";
    if (framed == null) {
      throw new WireFormatException(where + "no bytes (null), expected a Confluent-framed Avro value");
    }
    if (framed.length < HEADER_LENGTH) {
      throw new WireFormatException(
          where + framed.length + " byte(s), expected at least " + HEADER_LENGTH
              + " (magic byte 0x00 and a 4-byte schema id)");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new WireFormatException(
          where + String.format("unknown magic byte 0x%02x, expected 0x00 (not Confluent wire format)",
              framed[0] & 0xff));
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }
}
