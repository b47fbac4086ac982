package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import io.burnrate.registry.StoreRecord.SchemaVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store's records add up to: subjects and their versions, schemas by global id, and
 * compatibility settings. Not thread-safe; {@link RegistryService} guards it.
 */
final class RegistryState {

  private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

  private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  void apply(StoreRecord record) {
    if (record instanceof SchemaVersion version) {
      applyVersion(version);
    } else if (record instanceof StoreRecord.Compatibility setting) {
      applyCompatibility(setting);
    }
  }

  private void applyVersion(SchemaVersion version) {
    String known = schemasById.putIfAbsent(version.id(), version.schema());
    if (known != null && !known.equals(version.schema())) {
      log.warn(
          "Store holds two schemas for id {}; keeping the first. Subject '{}' version {} is read"
              + " with the schema of id {} as first stored.",
          version.id(), version.subject(), version.version(), version.id());
    }
    idsBySchema.putIfAbsent(version.schema(), version.id());
    subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
    maxId = Math.max(maxId, version.id());
  }

  private void applyCompatibility(StoreRecord.Compatibility setting) {
    if (setting.subject() == null) {
      globalLevel = setting.level();
    } else if (setting.level() == null) {
      subjectLevels.remove(setting.subject());
    } else {
      subjectLevels.put(setting.subject(), setting.level());
    }
  }

  /** The id the next new schema gets: one above every id ever stored. */
  int nextId() {
    return maxId + 1;
  }

  /** The version number the next version of {@code subject} gets, counting deleted ones. */
  int nextVersion(String subject) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
  }

  /** Subjects with at least one version (a live one unless {@code includeDeleted}), by name. */
  List<String> subjects(boolean includeDeleted) {
    return subjects.entrySet().stream()
        .filter(entry -> entry.getValue().values().stream().anyMatch(v -> includeDeleted || !v.deleted()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The versions of {@code subject}, oldest first (live ones unless {@code includeDeleted}). */
  List<SchemaVersion> versions(String subject, boolean includeDeleted) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
  }

  /** Version {@code number} of {@code subject}, deleted or not. */
  Optional<SchemaVersion> version(String subject, int number) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(number));
  }

  Optional<String> schema(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  /** The global id of a schema in canonical form, if any subject ever held it. */
  OptionalInt idOf(String canonicalSchema) {
    Integer id = idsBySchema.get(canonicalSchema);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** Every live version, across subjects, whose schema has global id {@code id}. */
  List<SchemaVersion> versionsWithId(int id) {
    List<SchemaVersion> found = new ArrayList<>();
    for (NavigableMap<Integer, SchemaVersion> versions : subjects.values()) {
      versions.values().stream().filter(v -> v.id() == id && !v.deleted()).forEach(found::add);
    }
    return found;
  }

  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  CompatibilityLevel globalLevel() {
    return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
  }

  /** The level that governs {@code subject}: its own, else the global one. */
  CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevel(subject).orElseGet(this::globalLevel);
  }
}
