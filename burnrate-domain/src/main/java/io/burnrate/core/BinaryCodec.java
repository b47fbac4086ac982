package io.burnrate.core;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The plumbing of Burnrate's versioned binary state formats: a format byte, then fields written with
 * fixed-width numbers ({@link DataOutputStream}) or variable-length ones ({@link CompactDataOutput}).
 */
public final class BinaryCodec {
  private static final int COMPACT_INITIAL_BYTES = 4096;
  /** Each stream thread encodes one record at a time: one buffer per thread, never shrunk. */
  private static final ThreadLocal<CompactDataOutput> COMPACT_BUFFER =
      ThreadLocal.withInitial(() -> new CompactDataOutput(COMPACT_INITIAL_BYTES));

  private BinaryCodec() {}

  @FunctionalInterface
  public interface Writer {
    void write(DataOutput out) throws IOException;
  }

  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInput in) throws IOException;
  }

  public static byte[] write(Writer writer) {
    Bytes bytes = new Bytes();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a record of {@code what} (for the message when the bytes are cut short or corrupt). */
  public static <T> T read(byte[] bytes, String what, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new BytesInput(bytes))) {
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt " + what + " record of " + bytes.length + " bytes", e);
    }
  }

  public static void expectFormat(DataInput in, byte expected, String what) throws IOException {
    byte format = in.readByte();
    if (format != expected) {
      throw unknownFormat(what, format, String.valueOf(expected));
    }
  }

  /**
   * Writes the format byte, then the record with {@link CompactDataOutput}'s variable-length numbers,
   * into a buffer this thread reuses.
   */
  public static byte[] writeCompact(byte format, Writer writer) {
    CompactDataOutput out = COMPACT_BUFFER.get();
    if (out.size() > 0) {
      out = new CompactDataOutput(COMPACT_INITIAL_BYTES); // a write nested in another: leave that one's bytes alone
    }
    try {
      out.writeByte(format);
      writer.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.reset();
    }
  }

  /**
   * Reads a record of {@code what} that an earlier release wrote with fixed-width numbers (format byte
   * {@code fixed}) or this one with variable-length ones ({@code compact}): the same fields either way.
   */
  public static <T> T readFormat(byte[] bytes, String what, byte fixed, byte compact, Reader<T> reader) {
    if (bytes.length == 0) {
      throw new UncheckedIOException("corrupt " + what + " record of 0 bytes", new EOFException());
    }
    byte format = bytes[0];
    if (format == compact) {
      try {
        return reader.read(new CompactDataInput(bytes, 1));
      } catch (IOException e) {
        throw new UncheckedIOException("corrupt " + what + " record of " + bytes.length + " bytes", e);
      }
    }
    if (format == fixed) {
      return read(bytes, what, in -> {
        in.readByte();
        return reader.read(in);
      });
    }
    throw unknownFormat(what, format, fixed + " or " + compact);
  }

  private static IllegalStateException unknownFormat(String what, byte format, String expected) {
    return new IllegalStateException("unknown " + what + " format " + format + ", expected " + expected
        + ": the state was written by a newer release; reset the application state or upgrade");
  }

  public static void writeNullable(DataOutput out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  public static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  // The JDK's ByteArray streams lock on every call; state is encoded and decoded by one thread at a
  // time, once per record, field by field, so these two plain ones save that cost on the hot path.

  private static final class Bytes extends OutputStream {
    private byte[] buffer = new byte[1024];
    private int count;

    @Override
    public void write(int b) {
      ensure(1);
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, buffer, count, length);
      count += length;
    }

    private void ensure(int more) {
      if (count + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, count);
    }
  }

  private static final class BytesInput extends InputStream {
    private final byte[] bytes;
    private int position;

    BytesInput(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (position >= bytes.length) {
        return -1;
      }
      int n = Math.min(length, bytes.length - position);
      System.arraycopy(bytes, position, target, offset, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return bytes.length - position;
    }
  }
}
