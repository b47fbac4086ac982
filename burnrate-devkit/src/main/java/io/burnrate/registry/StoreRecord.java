package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import java.util.Objects;

/**
 * One change to the registry's state, as the store keeps it. The state is the result of applying
 * every record in order; a later record with the same {@link #key()} replaces an earlier one, which
 * is what lets the Kafka store live in a compacted topic.
 */
public sealed interface StoreRecord permits StoreRecord.SchemaVersion, StoreRecord.Compatibility {

  /** Identity of the record: records with equal keys describe the same thing. */
  String key();

  /**
   * Version {@code version} of {@code subject} is the schema with global id {@code id}.
   *
   * @param schema the schema in canonical form (as Avro prints a parsed schema)
   * @param deleted true once the version is soft-deleted: hidden from lookups, its id still
   *     resolves
   */
  record SchemaVersion(String subject, int version, int id, String schema, boolean deleted)
      implements StoreRecord {
    public SchemaVersion {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(schema, "schema");
      if (version < 1 || id < 1) {
        throw new IllegalArgumentException(
            "version and id start at 1, got version " + version + " and id " + id + " for subject '"
                + subject + "'");
      }
    }

    @Override
    public String key() {
      return "schema/" + subject + "/" + version;
    }

    SchemaVersion asDeleted() {
      return new SchemaVersion(subject, version, id, schema, true);
    }
  }

  /**
   * The compatibility level of one subject, or the global one.
   *
   * @param subject the subject, or null for the global level
   * @param level the level, or null when the setting is removed (the subject falls back to the
   *     global level, the global level to the default)
   */
  record Compatibility(String subject, CompatibilityLevel level) implements StoreRecord {

    static Compatibility global(CompatibilityLevel level) {
      return new Compatibility(null, level);
    }

    @Override
    public String key() {
      return subject == null ? "config" : "config/" + subject;
    }
  }
}
