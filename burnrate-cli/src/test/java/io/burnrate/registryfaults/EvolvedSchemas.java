package io.burnrate.registryfaults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.serde.AvroSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/** The contract's schemas as producers write them, and the versions a newer or careless producer writes. */
final class EvolvedSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Schema CONTRACT_REQUEST = AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema());
  static final Schema CONTRACT_REPLICA = AvroSchemas.withoutJavaProperties(ReplicaEvent.getClassSchema());

  /**
   * A newer {@code InferenceRequest}: an optional {@code tenant} and an optional {@code priority} of
   * an enum Burnrate does not know, with its default symbol.
   */
  static final Schema NEWER_REQUEST = edited(CONTRACT_REQUEST, root -> {
    ArrayNode fields = (ArrayNode) root.get("fields");
    fields.addObject().put("name", "tenant")
        .<ObjectNode>set("type", JSON.createArrayNode().add("null").add("string"))
        .set("default", JSON.nullNode());
    ObjectNode priority = JSON.createObjectNode().put("type", "enum").put("name", "RequestPriority")
        .put("default", "NORMAL");
    priority.putArray("symbols").add("LOW").add("NORMAL").add("HIGH").add("CRITICAL_PATH");
    fields.addObject().put("name", "priority")
        .<ObjectNode>set("type", JSON.createArrayNode().add("null").add(priority))
        .set("default", JSON.nullNode());
  });

  /** A newer {@code ReplicaEvent}: its {@code type} enum gains {@code MIGRATED}, and an optional {@code zone}. */
  static final Schema NEWER_REPLICA = edited(CONTRACT_REPLICA, root -> {
    ArrayNode fields = (ArrayNode) root.get("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals("type")) {
        ((ArrayNode) fields.get(i).get("type").get("symbols")).insert(3, "MIGRATED");
      }
    }
    fields.addObject().put("name", "zone")
        .<ObjectNode>set("type", JSON.createArrayNode().add("null").add("string"))
        .set("default", JSON.nullNode());
  });

  /** {@link #NEWER_REQUEST} with one more optional string field, a schema no registry has seen yet. */
  static Schema newerRequestWith(String extraField) {
    return edited(NEWER_REQUEST, root -> ((ArrayNode) root.get("fields")).addObject().put("name", extraField)
        .<ObjectNode>set("type", JSON.createArrayNode().add("null").add("string"))
        .set("default", JSON.nullNode()));
  }

  /** An incompatible {@code InferenceRequest}: {@code latency_ms} as a string. */
  static final Schema LATENCY_AS_TEXT = edited(CONTRACT_REQUEST, root -> {
    for (var field : root.get("fields")) {
      if (field.get("name").asText().equals("latency_ms")) {
        ((ObjectNode) field).put("type", "string");
      }
    }
  });

  /** An {@code InferenceRequest} Burnrate cannot read: the required {@code latency_ms} removed. */
  static final Schema WITHOUT_LATENCY = edited(CONTRACT_REQUEST, root -> {
    ArrayNode fields = (ArrayNode) root.get("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals("latency_ms")) {
        fields.remove(i);
        return;
      }
    }
  });

  private EvolvedSchemas() {}

  private static Schema edited(Schema schema, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
      edit.accept(root);
      return new Schema.Parser().parse(JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
