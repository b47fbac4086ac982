package io.burnrate.local;

/** The embedded broker could not start or answer; the message names the directory or port and what to do. */
public final class EmbeddedKafkaException extends RuntimeException {

  public EmbeddedKafkaException(String message) {
    super(message);
  }

  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
