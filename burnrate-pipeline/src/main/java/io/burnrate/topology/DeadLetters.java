package io.burnrate.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Dead-letter headers: those Kafka Streams' own dead-letter queue writes (KIP-1034), plus
 * {@code burnrate.reason}, one of {@code decode}, {@code invalid:<field>}, {@code late},
 * {@code key-mismatch}.
 */
public final class DeadLetters {
  public static final String TOPIC = "__streams.errors.topic";
  public static final String PARTITION = "__streams.errors.partition";
  public static final String OFFSET = "__streams.errors.offset";
  public static final String EXCEPTION = "__streams.errors.exception";
  public static final String MESSAGE = "__streams.errors.message";
  public static final String REASON = "burnrate.reason";

  public static final String DECODE = "decode";
  public static final String LATE = "late";
  public static final String KEY_MISMATCH = "key-mismatch";

  private DeadLetters() {}

  public static String invalid(String field) {
    return "invalid:" + field;
  }

  /** The original headers plus the error headers. */
  public static Headers headers(
      Headers original, RecordMetadata source, String reason, String exceptionClass, String message) {
    RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
    add(headers, TOPIC, source == null ? "" : source.topic());
    add(headers, PARTITION, source == null ? "" : String.valueOf(source.partition()));
    add(headers, OFFSET, source == null ? "" : String.valueOf(source.offset()));
    add(headers, EXCEPTION, exceptionClass);
    add(headers, MESSAGE, message);
    add(headers, REASON, reason);
    return headers;
  }

  private static void add(RecordHeaders headers, String key, String value) {
    headers.remove(key);
    headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
  }
}
