package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Parsing Avro schemas to their canonical form, and checking one against earlier versions. */
final class CanonicalSchemas {

  private CanonicalSchemas() {}

  /** A parsed schema with the text the registry stores and compares: Avro's own printing. */
  record Parsed(Schema schema, String canonical) {}

  /** An earlier version of a subject, as a compatibility check sees it. */
  record Earlier(int version, Schema schema) {}

  /**
   * Parses {@code text} strictly (names and defaults validated).
   *
   * @throws IllegalArgumentException naming what is wrong when it is no valid Avro schema
   */
  static Parsed parse(String text) {
    Schema schema;
    try {
      schema = new Schema.Parser().setValidateDefaults(true).parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
    return new Parsed(schema, schema.toString());
  }

  /**
   * Why {@code candidate} may not follow {@code earlier} (oldest first) under {@code level}; empty
   * when it may. A non-transitive level looks at the latest earlier version only.
   */
  static List<String> incompatibilities(
      CompatibilityLevel level, Schema candidate, List<Earlier> earlier) {
    if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
      return List.of();
    }
    List<Earlier> checked =
        level.transitive() ? earlier : earlier.subList(earlier.size() - 1, earlier.size());
    List<String> problems = new ArrayList<>();
    for (Earlier old : checked) {
      if (level.newReadsOld()) {
        String direction = "the new schema cannot read data written with version " + old.version();
        describe(candidate, old.schema(), direction, problems);
      }
      if (level.oldReadsNew()) {
        String direction = "version " + old.version() + " cannot read data written with the new schema";
        describe(old.schema(), candidate, direction, problems);
      }
    }
    return problems;
  }

  private static void describe(
      Schema reader, Schema writer, String direction, List<String> problems) {
    SchemaCompatibility.SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility incompatibility : result.getIncompatibilities()) {
      problems.add(
          String.format(
              "%s: %s: %s at '%s'",
              direction,
              incompatibility.getType(),
              incompatibility.getMessage(),
              incompatibility.getLocation()));
    }
  }
}
