package io.burnrate.bench;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.StreamsConfig;

/** The processing guarantees the bench compares, by their Kafka Streams setting. */
public enum Guarantee {
  EXACTLY_ONCE(StreamsConfig.EXACTLY_ONCE_V2, "eos"),
  AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE, "alos");

  private final String setting;
  private final String tag;

  Guarantee(String setting, String tag) {
    this.setting = setting;
    this.tag = tag;
  }

  /** The value of {@code processing.guarantee}. */
  public String setting() {
    return setting;
  }

  /** A short name for topic and application ids. */
  public String tag() {
    return tag;
  }

  /**
   * {@code both}, {@code exactly-once} or {@code at-least-once} (also the setting's own spelling);
   * exactly-once first, so that its price shows against at-least-once.
   */
  public static List<Guarantee> parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (value) {
      case "both" -> List.of(EXACTLY_ONCE, AT_LEAST_ONCE);
      case "exactly_once", "exactly_once_v2", "eos" -> List.of(EXACTLY_ONCE);
      case "at_least_once", "alos" -> List.of(AT_LEAST_ONCE);
      default -> throw new IllegalArgumentException("guarantee must be both, exactly-once or at-least-once, was '"
          + text + "'");
    };
  }
}
