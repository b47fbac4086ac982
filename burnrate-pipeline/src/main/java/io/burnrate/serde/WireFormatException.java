package io.burnrate.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a valid Confluent-framed Avro record for the topic they came from. The
 * message names the topic and what is wrong; such a record belongs in the dead-letter topic.
 */
public class WireFormatException extends SerializationException {

  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
