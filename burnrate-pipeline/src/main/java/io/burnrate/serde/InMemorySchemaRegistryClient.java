package io.burnrate.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry in memory, for tests with {@code TopologyTestDriver}: one instance is one registry
 * (create one per test). Ids are global and start at 1, the same schema gets the same id under
 * every subject, and registering checks the subject's compatibility level (default BACKWARD, like
 * Confluent's) the way a real registry does. Thread safe.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

  private final Map<String, Integer> idsByCanonicalText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
  private final Map<String, CompatibilityLevel> levelsBySubject = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    String text = schema.toString();
    List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
    Integer known = idsByCanonicalText.get(text);
    if (known != null && versions.contains(known)) {
      return known;
    }
    if (!levelOf(subject).allows(schema, schemasOf(versions))) {
      throw RegistryException.rejected(
          "register " + schema.getFullName(), 409, 409,
          "Schema being registered is incompatible with an earlier schema for subject \"" + subject
              + "\" (compatibility " + levelOf(subject) + ")",
          subject, null);
    }
    int id = idsByCanonicalText.computeIfAbsent(text, unused -> idsByCanonicalText.size() + 1);
    schemasById.putIfAbsent(id, schema);
    versionsBySubject.computeIfAbsent(subject, unused -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryException.rejected(
          "fetch schema by id", 404, 40403, "Schema " + id + " not found", null, id);
    }
    return schema;
  }

  @Override
  public synchronized int getId(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw RegistryException.rejected(
          "look up " + schema.getFullName(), 404, 40401, "Subject '" + subject + "' not found.", subject, null);
    }
    Integer id = idsByCanonicalText.get(schema.toString());
    if (id == null || !versions.contains(id)) {
      throw RegistryException.rejected(
          "look up " + schema.getFullName(), 404, 40403, "Schema not found", subject, null);
    }
    return id;
  }

  @Override
  public synchronized Optional<String> compatibility(String subject) {
    return Optional.ofNullable(levelsBySubject.get(subject)).map(Enum::name);
  }

  @Override
  public synchronized void setCompatibility(String subject, String level) {
    CompatibilityLevel parsed;
    try {
      parsed = CompatibilityLevel.parse(level);
    } catch (IllegalArgumentException e) {
      throw RegistryException.rejected("set compatibility " + level, 422, 42203, e.getMessage(), subject, null);
    }
    levelsBySubject.put(subject, parsed);
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    return levelOf(subject).allows(schema, schemasOf(versionsBySubject.getOrDefault(subject, List.of())));
  }

  @Override
  public synchronized Optional<RegisteredSchema> latestVersion(String subject) {
    List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    int id = versions.get(versions.size() - 1);
    return Optional.of(new RegisteredSchema(subject, versions.size(), id, schemasById.get(id)));
  }

  @Override
  public synchronized List<String> incompatibilities(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
    if (versions.isEmpty()) {
      return List.of();
    }
    Schema latest = schemasById.get(versions.get(versions.size() - 1));
    CompatibilityLevel level = levelOf(subject);
    return level.allows(schema, List.of(latest))
        ? List.of()
        : List.of("not " + level + " compatible with version " + versions.size() + " of subject '" + subject + "'");
  }

  /** Subjects with at least one version, for assertions in tests. */
  public synchronized List<String> subjects() {
    return versionsBySubject.keySet().stream().sorted().toList();
  }

  private CompatibilityLevel levelOf(String subject) {
    return levelsBySubject.getOrDefault(subject, DEFAULT_LEVEL);
  }

  private List<Schema> schemasOf(List<Integer> ids) {
    return ids.stream().map(schemasById::get).toList();
  }
}
