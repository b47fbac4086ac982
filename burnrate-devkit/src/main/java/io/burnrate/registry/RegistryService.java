package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import io.burnrate.registry.StoreRecord.SchemaVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's rules over its state: what registering, looking up, deleting and configuring
 * mean, and which errors they give. Every change is written to the store before it is applied, so
 * the state never holds what the store has not. Safe for concurrent use: one writer at a time.
 */
final class RegistryService {

  private static final Logger log = LoggerFactory.getLogger(RegistryService.class);

  /** The result of a compatibility test, with the reasons when it fails. */
  record CompatibilityResult(boolean compatible, List<String> messages) {}

  private final SchemaStore store;
  private final RegistryState state = new RegistryState();
  private final Map<Integer, Schema> parsedById = new ConcurrentHashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  RegistryService(SchemaStore store) {
    this.store = store;
  }

  /** Rebuilds the state from every record in the store. */
  void load() {
    writing(
        () -> {
          store.replay(state::apply);
          return null;
        });
  }

  /** Registers {@code request} under {@code subject}, or finds it there; returns its global id. */
  int register(String subject, SchemaRequest request) {
    requireValidSubject(subject);
    CanonicalSchemas.Parsed parsed = parse(request);
    return writing(
        () -> {
          List<SchemaVersion> live = state.versions(subject, false);
          for (SchemaVersion version : live) {
            if (version.schema().equals(parsed.canonical())) {
              return version.id();
            }
          }
          CompatibilityLevel level = state.effectiveLevel(subject);
          List<String> problems =
              CanonicalSchemas.incompatibilities(level, parsed.schema(), earlier(live));
          if (!problems.isEmpty()) {
            throw new RegistryRefusal(
                409,
                RegistryRefusal.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\" under compatibility level " + level + ", details: " + problems);
          }
          int id = state.idOf(parsed.canonical()).orElse(state.nextId());
          SchemaVersion version =
              new SchemaVersion(subject, state.nextVersion(subject), id, parsed.canonical(), false);
          write(version, "Registering a schema under subject '" + subject + "'");
          log.info("Registered schema id {} as version {} of subject '{}'", id, version.version(), subject);
          return id;
        });
  }

  /** The live version of {@code subject} (or any, if {@code includeDeleted}) holding the schema. */
  SchemaVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
    return reading(
        () -> {
          List<SchemaVersion> versions = existingVersions(subject, includeDeleted);
          String canonical = parse(request).canonical();
          return versions.stream()
              .filter(version -> version.schema().equals(canonical))
              .findFirst()
              .orElseThrow(RegistryRefusal::schemaNotFound);
        });
  }

  List<String> subjects(boolean includeDeleted) {
    return reading(() -> state.subjects(includeDeleted));
  }

  List<Integer> versionNumbers(String subject, boolean includeDeleted) {
    return reading(
        () -> existingVersions(subject, includeDeleted).stream().map(SchemaVersion::version).toList());
  }

  SchemaVersion version(String subject, VersionRef ref, boolean includeDeleted) {
    return reading(
        () -> {
          List<SchemaVersion> versions = existingVersions(subject, includeDeleted);
          if (ref.isLatest()) {
            return versions.get(versions.size() - 1);
          }
          return versions.stream()
              .filter(version -> version.version() == ref.number())
              .findFirst()
              .orElseThrow(() -> RegistryRefusal.versionNotFound(ref.number()));
        });
  }

  String schema(int id) {
    return reading(
        () -> state.schema(id).orElseThrow(() -> RegistryRefusal.schemaNotFound(Integer.toString(id))));
  }

  /** The live subject versions that hold schema {@code id}. */
  List<SchemaVersion> versionsWithId(int id) {
    return reading(
        () -> {
          if (state.schema(id).isEmpty()) {
            throw RegistryRefusal.schemaNotFound(Integer.toString(id));
          }
          return state.versionsWithId(id);
        });
  }

  CompatibilityLevel globalLevel() {
    return reading(state::globalLevel);
  }

  void setGlobalLevel(CompatibilityLevel level) {
    writing(
        () -> {
          write(StoreRecord.Compatibility.global(level), "Setting the global compatibility level");
          log.info("Global compatibility level set to {}", level);
          return null;
        });
  }

  /**
   * The level set on {@code subject}; without one, the global level if {@code defaultToGlobal},
   * else 40408.
   */
  CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    return reading(
        () ->
            state
                .subjectLevel(subject)
                .or(() -> defaultToGlobal ? Optional.of(state.globalLevel()) : Optional.empty())
                .orElseThrow(() -> RegistryRefusal.subjectCompatibilityNotConfigured(subject)));
  }

  void setSubjectLevel(String subject, CompatibilityLevel level) {
    requireValidSubject(subject);
    writing(
        () -> {
          write(
              new StoreRecord.Compatibility(subject, level),
              "Setting the compatibility level of subject '" + subject + "'");
          log.info("Compatibility level of subject '{}' set to {}", subject, level);
          return null;
        });
  }

  /** Removes the level set on {@code subject}; returns the level it had. */
  CompatibilityLevel deleteSubjectLevel(String subject) {
    return writing(
        () -> {
          CompatibilityLevel current =
              state.subjectLevel(subject).orElseThrow(() -> RegistryRefusal.subjectNotFound(subject));
          write(
              new StoreRecord.Compatibility(subject, null),
              "Removing the compatibility level of subject '" + subject + "'");
          log.info("Compatibility level of subject '{}' removed (was {})", subject, current);
          return current;
        });
  }

  /**
   * Whether {@code request} may follow the given version of {@code subject} ({@code ref}), or, when
   * {@code ref} is null, the versions the subject's level looks at.
   */
  CompatibilityResult testCompatibility(String subject, VersionRef ref, SchemaRequest request) {
    return reading(
        () -> {
          List<SchemaVersion> live = state.versions(subject, false);
          List<SchemaVersion> against;
          if (ref == null) {
            against = live;
          } else if (ref.isLatest()) {
            against = live.isEmpty() ? List.of() : List.of(live.get(live.size() - 1));
          } else {
            against =
                List.of(
                    live.stream()
                        .filter(version -> version.version() == ref.number())
                        .findFirst()
                        .orElseThrow(() -> RegistryRefusal.versionNotFound(ref.number())));
          }
          CanonicalSchemas.Parsed parsed = parse(request);
          List<String> problems =
              CanonicalSchemas.incompatibilities(state.effectiveLevel(subject), parsed.schema(), earlier(against));
          return new CompatibilityResult(problems.isEmpty(), problems);
        });
  }

  /** Soft-deletes every live version of {@code subject}; returns their numbers. */
  List<Integer> deleteSubject(String subject, boolean permanent) {
    if (permanent) {
      throw RegistryRefusal.permanentDeleteNotSupported();
    }
    return writing(
        () -> {
          List<SchemaVersion> live = state.versions(subject, false);
          if (live.isEmpty()) {
            throw state.versions(subject, true).isEmpty()
                ? RegistryRefusal.subjectNotFound(subject)
                : RegistryRefusal.subjectSoftDeleted(subject);
          }
          for (SchemaVersion version : live) {
            write(version.asDeleted(), "Deleting subject '" + subject + "'");
          }
          log.info("Soft-deleted subject '{}' (versions {})", subject, numbers(live));
          return numbers(live);
        });
  }

  /** Soft-deletes one version of {@code subject}; returns its number. */
  int deleteVersion(String subject, VersionRef ref, boolean permanent) {
    if (permanent) {
      throw RegistryRefusal.permanentDeleteNotSupported();
    }
    return writing(
        () -> {
          List<SchemaVersion> live = existingVersions(subject, false);
          SchemaVersion target;
          if (ref.isLatest()) {
            target = live.get(live.size() - 1);
          } else {
            target =
                state
                    .version(subject, ref.number())
                    .orElseThrow(() -> RegistryRefusal.versionNotFound(ref.number()));
            if (target.deleted()) {
              throw RegistryRefusal.versionSoftDeleted(subject, ref.number());
            }
          }
          write(target.asDeleted(), "Deleting version " + target.version() + " of subject '" + subject + "'");
          log.info("Soft-deleted version {} of subject '{}'", target.version(), subject);
          return target.version();
        });
  }

  private List<SchemaVersion> existingVersions(String subject, boolean includeDeleted) {
    List<SchemaVersion> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryRefusal.subjectNotFound(subject);
    }
    return versions;
  }

  private List<CanonicalSchemas.Earlier> earlier(List<SchemaVersion> versions) {
    return versions.stream()
        .map(version -> new CanonicalSchemas.Earlier(version.version(), parsedSchema(version)))
        .toList();
  }

  private Schema parsedSchema(SchemaVersion version) {
    return parsedById.computeIfAbsent(
        version.id(),
        id -> {
          try {
            return CanonicalSchemas.parse(version.schema()).schema();
          } catch (IllegalArgumentException e) {
            throw new RegistryRefusal(
                500,
                RegistryRefusal.STORE_ERROR,
                "Stored schema id " + id + " (subject '" + version.subject() + "' version "
                    + version.version() + ") no longer parses: " + e.getMessage(),
                e);
          }
        });
  }

  private static CanonicalSchemas.Parsed parse(SchemaRequest request) {
    String type = request.schemaType();
    if (type != null && !type.toUpperCase(Locale.ROOT).equals("AVRO")) {
      throw RegistryRefusal.invalidSchema(
          "Invalid schema type " + type + ": this registry holds AVRO schemas only");
    }
    if (request.schema() == null || request.schema().isBlank()) {
      throw RegistryRefusal.invalidSchema("Empty schema");
    }
    if (request.hasReferences()) {
      throw RegistryRefusal.invalidSchema(
          "Schema references are not supported by this registry: register a self-contained schema"
              + " that defines its named types inline");
    }
    try {
      return CanonicalSchemas.parse(request.schema());
    } catch (IllegalArgumentException e) {
      throw RegistryRefusal.invalidSchema("Invalid schema of type AVRO, details: " + e.getMessage());
    }
  }

  private static void requireValidSubject(String subject) {
    if (subject.isEmpty() || subject.chars().anyMatch(Character::isISOControl)) {
      throw RegistryRefusal.invalidSubject(subject);
    }
  }

  private static List<Integer> numbers(List<SchemaVersion> versions) {
    return versions.stream().map(SchemaVersion::version).toList();
  }

  private void write(StoreRecord record, String operation) {
    try {
      store.append(record);
    } catch (SchemaStoreException e) {
      throw RegistryRefusal.storeFailed(operation, e);
    }
    state.apply(record);
  }

  private <T> T reading(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T writing(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
