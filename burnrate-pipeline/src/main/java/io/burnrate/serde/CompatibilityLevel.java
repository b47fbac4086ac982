package io.burnrate.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The compatibility levels of a Confluent-API registry, and the Avro check each one makes. Backward:
 * the new schema reads data written with the earlier ones. Forward: the earlier schemas read data
 * written with the new one. Full: both. Transitive: against every earlier version, not only the latest.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** The level of a registry nobody has configured, as in Confluent's. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /** The level named {@code name}, in any letter case; empty for anything else. */
  public static Optional<CompatibilityLevel> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(level -> level.name().equals(wanted)).findFirst();
  }

  /** The level named {@code text} (case-insensitive), or an error listing the allowed names. */
  public static CompatibilityLevel parse(String text) {
    return find(text).orElseThrow(() -> new IllegalArgumentException(
        "unknown compatibility level '" + text + "', expected one of " + allowedNames()));
  }

  public static String allowedNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** Whether a new schema must be able to read data written with the earlier ones. */
  public boolean newReadsOld() {
    return newReadsOld;
  }

  /** Whether the earlier schemas must be able to read data written with a new one. */
  public boolean oldReadsNew() {
    return oldReadsNew;
  }

  /** Whether a new schema is checked against every earlier version rather than the latest. */
  public boolean transitive() {
    return transitive;
  }

  /** Whether {@code candidate} may follow {@code versions} (oldest first) under this level. */
  public boolean allows(Schema candidate, List<Schema> versions) {
    if (this == NONE || versions.isEmpty()) {
      return true;
    }
    List<Schema> checked = transitive ? versions : List.of(versions.get(versions.size() - 1));
    for (Schema earlier : checked) {
      if (newReadsOld && !canRead(candidate, earlier)) {
        return false;
      }
      if (oldReadsNew && !canRead(earlier, candidate)) {
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
