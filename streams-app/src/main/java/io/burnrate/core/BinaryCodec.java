package io.burnrate.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** The plumbing of Burnrate's versioned binary state formats: streams, a format byte, nullable text. */
public final class BinaryCodec {
  private BinaryCodec() {}

  @FunctionalInterface
  public interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInputStream in) throws IOException;
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

  public static void expectFormat(DataInputStream in, byte expected, String what) throws IOException {
    byte format = in.readByte();
    if (format != expected) {
      throw new IllegalStateException("unknown " + what + " format " + format + ", expected " + expected
          + ": the state was written by a newer release; reset the application state or upgrade");
    }
  }

  public static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  public static String readNullable(DataInputStream in) throws IOException {
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
