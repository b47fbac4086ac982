package io.burnrate.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Confluent's compatibility levels. Backward: the new schema reads data written with the earlier
 * ones. Forward: the earlier schemas read data written with the new one. Full: both. Transitive:
 * against every earlier version, not only the latest.
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
  public static Optional<CompatibilityLevel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(level -> level.name().equals(wanted)).findFirst();
  }

  static String allowedNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** Whether a new schema must be able to read data written with the earlier ones. */
  boolean newReadsOld() {
    return newReadsOld;
  }

  /** Whether the earlier schemas must be able to read data written with a new one. */
  boolean oldReadsNew() {
    return oldReadsNew;
  }

  /** Whether a new schema is checked against every earlier version rather than the latest. */
  boolean transitive() {
    return transitive;
  }
}
