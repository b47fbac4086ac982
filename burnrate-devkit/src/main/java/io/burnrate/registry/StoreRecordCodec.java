package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.registry.StoreRecord.Compatibility;
import io.burnrate.registry.StoreRecord.SchemaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The registry's records as Kafka keys and values, both UTF-8 JSON, one record per change:
 *
 * <pre>
 * schema version  key   {"keytype":"SCHEMA","subject":"orders-value","version":2}
 *                 value {"subject":"orders-value","version":2,"id":7,"schema":"...","deleted":false}
 * compatibility   key   {"keytype":"CONFIG","subject":"orders-value"}   (subject null: global)
 *                 value {"compatibilityLevel":"FULL_TRANSITIVE"}
 *                       or no value (a tombstone) when the setting is removed
 * </pre>
 *
 * A key is written with its fields always in this order, so that equal keys are equal bytes and
 * compaction keeps only the latest record of each. {@code schema} is the canonical form (Avro's
 * printing of the parsed schema). Records of other key types, and tombstones of schema versions,
 * are not written by this registry and are ignored when read.
 */
final class StoreRecordCodec {

  private static final String SCHEMA = "SCHEMA";
  private static final String CONFIG = "CONFIG";

  private final ObjectMapper mapper = new ObjectMapper();

  byte[] key(StoreRecord record) {
    ObjectNode key = mapper.createObjectNode();
    if (record instanceof SchemaVersion version) {
      key.put("keytype", SCHEMA).put("subject", version.subject()).put("version", version.version());
    } else if (record instanceof Compatibility setting) {
      key.put("keytype", CONFIG).put("subject", setting.subject());
    }
    return bytes(key);
  }

  /** The record's value, or null for a removed compatibility setting (a tombstone). */
  byte[] value(StoreRecord record) {
    if (record instanceof SchemaVersion version) {
      ObjectNode value = mapper.createObjectNode();
      value
          .put("subject", version.subject())
          .put("version", version.version())
          .put("id", version.id())
          .put("schema", version.schema())
          .put("deleted", version.deleted());
      return bytes(value);
    }
    Compatibility setting = (Compatibility) record;
    if (setting.level() == null) {
      return null;
    }
    return bytes(mapper.createObjectNode().put("compatibilityLevel", setting.level().name()));
  }

  /**
   * Reads one key and value back; empty for records this registry does not use.
   *
   * @throws IllegalArgumentException naming the problem when the bytes are no record of this
   *     format
   */
  Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
    JsonNode key = tree(keyBytes, "key");
    String keyType = key.path("keytype").asText("");
    if (CONFIG.equals(keyType)) {
      String subject = optionalText(key, "subject");
      if (valueBytes == null) {
        return Optional.of(new Compatibility(subject, null));
      }
      String levelName = requiredText(tree(valueBytes, "value"), "compatibilityLevel");
      CompatibilityLevel level = CompatibilityLevel.parse(levelName);
      return Optional.of(new Compatibility(subject, level));
    }
    if (SCHEMA.equals(keyType) && valueBytes != null) {
      JsonNode value = tree(valueBytes, "value");
      return Optional.of(
          new SchemaVersion(
              requiredText(value, "subject"),
              requiredInt(value, "version"),
              requiredInt(value, "id"),
              requiredText(value, "schema"),
              value.path("deleted").asBoolean(false)));
    }
    return Optional.empty();
  }

  private JsonNode tree(byte[] bytes, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException("no " + what);
    }
    try {
      JsonNode node = mapper.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' missing or not a string in " + node);
    }
    return value.asText();
  }

  private static int requiredInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("field '" + field + "' missing or not an int in " + node);
    }
    return value.intValue();
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
