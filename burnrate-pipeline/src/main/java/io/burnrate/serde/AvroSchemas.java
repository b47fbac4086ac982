package io.burnrate.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Schemas of generated classes, and their portable form for a registry. */
public final class AvroSchemas {

  /** Properties the Avro Java compiler adds for itself; other languages have no use for them. */
  private static final Set<String> JAVA_ONLY_PROPERTIES =
      Set.of("avro.java.string", "java-class", "java-key-class", "java-element-class");

  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroSchemas() {}

  /** The schema of a generated SpecificRecord class (its {@code SCHEMA$}). */
  public static Schema schemaOf(Class<? extends SpecificRecord> type) {
    return SpecificData.getForClass(type).getSchema(type);
  }

  /**
   * {@code schema} without the Java-only properties ({@code "avro.java.string": "String"} and the
   * like), i.e. the contract's .avsc as every language reads it. This is what Burnrate registers,
   * so that a subject holds one schema whether a Java or another client registered it first.
   */
  public static Schema withoutJavaProperties(Schema schema) {
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      strip(tree);
      return new Schema.Parser().parse(JSON.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Avro wrote a schema that is not JSON: " + schema.getFullName(), e);
    }
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(JAVA_ONLY_PROPERTIES);
    }
    node.forEach(AvroSchemas::strip);
  }
}
