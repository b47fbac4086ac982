package io.burnrate.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder over one byte array that refuses a length or count larger than the bytes left,
 * before anything is allocated. Plain {@link BinaryDecoder} allocates whatever length the data
 * declares, so a few bytes of garbage could ask for gigabytes. Not thread safe: one per thread.
 *
 * <p>An array of a zero-byte type (null) longer than the bytes left is refused too; the contract
 * has none.
 */
final class BoundedDecoder extends Decoder {

  private BinaryDecoder in;

  /** Points this decoder at {@code in}, a decoder over a byte array. */
  BoundedDecoder reset(BinaryDecoder in) {
    this.in = in;
    return this;
  }

  /** Bytes not read yet. */
  int remaining() throws IOException {
    return in.inputStream().available();
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = checkedLength("string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = checkedLength("string");
    byte[] bytes = new byte[length];
    in.readFixed(bytes, 0, length);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(checkedLength("string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = checkedLength("bytes");
    ByteBuffer result = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
    in.readFixed(result.array(), result.arrayOffset(), length);
    result.limit(length);
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(checkedLength("bytes"));
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    checkAvailable(length, "fixed");
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return checkedCount(in.readArrayStart(), "array");
  }

  @Override
  public long arrayNext() throws IOException {
    return checkedCount(in.arrayNext(), "array");
  }

  @Override
  public long skipArray() throws IOException {
    return checkedCount(in.skipArray(), "array");
  }

  @Override
  public long readMapStart() throws IOException {
    return checkedCount(in.readMapStart(), "map");
  }

  @Override
  public long mapNext() throws IOException {
    return checkedCount(in.mapNext(), "map");
  }

  @Override
  public long skipMap() throws IOException {
    return checkedCount(in.skipMap(), "map");
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }

  private int checkedLength(String what) throws IOException {
    long length = in.readLong();
    if (length < 0) {
      throw new MalformedAvroException(what + " length " + length + " is negative");
    }
    checkAvailable(length, what);
    return (int) length;
  }

  private long checkedCount(long count, String what) throws IOException {
    checkAvailable(count, what);
    return count;
  }

  private void checkAvailable(long length, String what) throws IOException {
    int remaining = remaining();
    if (length > remaining) {
      throw new EOFException(what + " of " + length + " declared, only " + remaining + " byte(s) left");
    }
  }

  /** Data that no writer could have produced. */
  static final class MalformedAvroException extends IOException {
    MalformedAvroException(String message) {
      super(message);
    }
  }
}
