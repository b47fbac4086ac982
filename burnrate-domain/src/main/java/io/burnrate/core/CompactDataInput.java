package io.burnrate.core;

import java.io.DataInput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads what {@link CompactDataOutput} wrote, from an array; running past its end is an {@link EOFException}. */
public final class CompactDataInput implements DataInput {
  private final byte[] bytes;
  private int position;

  public CompactDataInput(byte[] bytes, int offset) {
    this.bytes = bytes;
    this.position = offset;
  }

  @Override
  public long readLong() throws IOException {
    long zigzag = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = next();
      zigzag |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (zigzag >>> 1) ^ -(zigzag & 1);
      }
    }
    throw new IOException("variable-length integer longer than 10 bytes at byte " + position);
  }

  @Override
  public int readInt() throws IOException {
    long value = readLong();
    if (value != (int) value) {
      throw new IOException("integer out of range: " + value);
    }
    return (int) value;
  }

  @Override
  public short readShort() throws IOException {
    return (short) readLong();
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readLong();
  }

  @Override
  public byte readByte() throws IOException {
    return next();
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return next() & 0xFF;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return next() != 0;
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readFixed(8));
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat((int) readFixed(4));
  }

  @Override
  public String readUTF() throws IOException {
    int length = readInt();
    if (length < 0 || length > bytes.length - position) {
      throw new EOFException("string of " + length + " bytes at byte " + position + " of " + bytes.length);
    }
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  @Override
  public void readFully(byte[] target) throws IOException {
    readFully(target, 0, target.length);
  }

  @Override
  public void readFully(byte[] target, int offset, int length) throws IOException {
    if (length > bytes.length - position) {
      throw new EOFException(length + " bytes wanted at byte " + position + " of " + bytes.length);
    }
    System.arraycopy(bytes, position, target, offset, length);
    position += length;
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, bytes.length - position));
    position += skipped;
    return skipped;
  }

  @Override
  public String readLine() {
    throw new UnsupportedOperationException("strings are read with readUTF");
  }

  private long readFixed(int size) throws IOException {
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (next() & 0xFF);
    }
    return value;
  }

  private byte next() throws EOFException {
    if (position >= bytes.length) {
      throw new EOFException("record ends after " + bytes.length + " bytes");
    }
    return bytes[position++];
  }
}
