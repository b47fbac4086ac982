package io.burnrate.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** The compatibility levels of a Confluent-API registry, and the Avro check each one makes. */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /** The level named {@code text} (case-insensitive). */
  public static CompatibilityLevel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown compatibility level '" + text + "', expected one of "
              + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }

  /**
   * Whether {@code candidate} may follow {@code versions} (oldest first) under this level: BACKWARD
   * means the candidate reads data written with the earlier schema, FORWARD that the earlier schema
   * reads data written with the candidate; non-transitive levels look at the latest version only.
   */
  public boolean allows(Schema candidate, List<Schema> versions) {
    if (this == NONE || versions.isEmpty()) {
      return true;
    }
    boolean transitive = name().endsWith("_TRANSITIVE");
    List<Schema> checked = transitive ? versions : List.of(versions.get(versions.size() - 1));
    boolean backward = name().startsWith("BACKWARD") || name().startsWith("FULL");
    boolean forward = name().startsWith("FORWARD") || name().startsWith("FULL");
    for (Schema earlier : checked) {
      if (backward && !canRead(candidate, earlier)) {
        return false;
      }
      if (forward && !canRead(earlier, candidate)) {
        return false;
      }
    }
    return true;
  }

  private static boolean canRead(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }
}
