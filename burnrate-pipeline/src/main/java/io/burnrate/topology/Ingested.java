package io.burnrate.topology;

/**
 * An input value as the source read it: the decoded record, or why it could not be decoded, and
 * always the bytes exactly as they arrived, so that a dead letter is byte for byte the input.
 */
public record Ingested<T>(T record, byte[] raw, String failure, Exception error) {

  public static <T> Ingested<T> decoded(T record, byte[] raw) {
    return new Ingested<>(record, raw, null, null);
  }

  public static <T> Ingested<T> undecodable(byte[] raw, String failure, Exception error) {
    return new Ingested<>(null, raw, failure, error);
  }

  public boolean ok() {
    return record != null;
  }
}
