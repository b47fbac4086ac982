package io.burnrate.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a record of {@code what} (for the message when the bytes are cut short or corrupt). */
  public static <T> T read(byte[] bytes, String what, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
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
}
