package io.burnrate.core;

import java.io.DataOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link DataOutput} into a growable array that writes {@code int}s and {@code long}s as zig-zag
 * variable-length integers (a zero takes one byte, a timestamp six) and strings as a length and UTF-8.
 * State records are mostly small counters and zeros, so they shrink to a fraction of their fixed-width
 * size, and so does the work of copying them into the record cache, RocksDB and the changelog.
 * {@link CompactDataInput} reads it back. Not thread-safe; {@link #reset} makes it reusable.
 */
public final class CompactDataOutput implements DataOutput {
  private byte[] buffer;
  private int count;

  public CompactDataOutput(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  public CompactDataOutput reset() {
    count = 0;
    return this;
  }

  public int size() {
    return count;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, count);
  }

  @Override
  public void writeLong(long value) {
    ensure(10);
    long zigzag = (value << 1) ^ (value >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      buffer[count++] = (byte) ((zigzag & 0x7F) | 0x80);
      zigzag >>>= 7;
    }
    buffer[count++] = (byte) zigzag;
  }

  @Override
  public void writeInt(int value) {
    writeLong(value);
  }

  @Override
  public void writeShort(int value) {
    writeLong((short) value);
  }

  @Override
  public void writeChar(int value) {
    writeLong((char) value);
  }

  @Override
  public void writeByte(int value) {
    ensure(1);
    buffer[count++] = (byte) value;
  }

  @Override
  public void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  @Override
  public void write(int b) {
    writeByte(b);
  }

  @Override
  public void write(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, count, length);
    count += length;
  }

  /** Exact: the eight bytes of the IEEE 754 bits, as {@link java.io.DataOutputStream} writes them. */
  @Override
  public void writeDouble(double value) {
    writeFixed(Double.doubleToLongBits(value), 8);
  }

  @Override
  public void writeFloat(float value) {
    writeFixed(Float.floatToIntBits(value), 4);
  }

  @Override
  public void writeUTF(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeInt(utf8.length);
    write(utf8);
  }

  @Override
  public void writeBytes(String value) {
    throw new UnsupportedOperationException("strings are written with writeUTF");
  }

  @Override
  public void writeChars(String value) {
    throw new UnsupportedOperationException("strings are written with writeUTF");
  }

  private void writeFixed(long bits, int size) {
    ensure(size);
    for (int shift = 8 * (size - 1); shift >= 0; shift -= 8) {
      buffer[count++] = (byte) (bits >>> shift);
    }
  }

  private void ensure(int more) {
    if (count + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
    }
  }
}
