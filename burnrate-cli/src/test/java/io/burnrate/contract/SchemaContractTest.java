package io.burnrate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.config.TopicNames;
import io.burnrate.deploy.RepoFiles;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ScalingCommand;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated Avro classes against the tables of the project's contract, {@code docs/contract.md}.
 * Any drift in names, order, types, defaults or enum symbols fails.
 */
class SchemaContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The generated class schema of every contract record. */
  private static final Map<String, Schema> GENERATED =
      Map.of(
          "InferenceRequest", InferenceRequest.getClassSchema(),
          "ReplicaEvent", ReplicaEvent.getClassSchema(),
          "BillingEvent", BillingEvent.getClassSchema(),
          "EndpointConfig", EndpointConfig.getClassSchema(),
          "CostAlert", CostAlert.getClassSchema(),
          "ScalingCommand", ScalingCommand.getClassSchema());

  private static ContractTables contract;

  @BeforeAll
  static void readContract() {
    contract = ContractTables.parse(RepoFiles.text("docs/contract.md"));
  }

  static Stream<Arguments> records() {
    return GENERATED.keySet().stream().sorted().map(Arguments::of);
  }

  @Test
  void theContractHasATableForEveryGeneratedRecordAndNoOther() {
    assertThat(contract.records().keySet()).containsExactlyInAnyOrderElementsOf(GENERATED.keySet());
    assertThat(contract.records().values()).allSatisfy(r -> assertThat(r.fields()).hasSizeGreaterThan(5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void generatedSchemaMatchesTheContract(String name) {
    assertThat(ContractChecker.check(contract.records().get(name), GENERATED.get(name))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void theFieldsAreTheContractsInItsOrder(String name) {
    List<String> contractFields = contract.records().get(name).fields().stream().map(ContractTables.Field::name).toList();

    assertThat(GENERATED.get(name).getFields()).extracting(Schema.Field::name).containsExactlyElementsOf(contractFields);
  }

  @Test
  void everyTopicOfTheContractHasItsDefaultName() {
    assertThat(contract.topics()).containsExactlyElementsOf(
        TopicNames.DEFAULTS.pipelineTopics());
    assertThat(contract.records().get("InferenceRequest").topic()).isEqualTo(TopicNames.DEFAULTS.requests());
    assertThat(contract.records().get("ReplicaEvent").topic()).isEqualTo(TopicNames.DEFAULTS.replicas());
    assertThat(contract.records().get("BillingEvent").topic()).isEqualTo(TopicNames.DEFAULTS.billing());
    assertThat(contract.records().get("EndpointConfig").topic()).isEqualTo(TopicNames.DEFAULTS.endpointConfig());
    assertThat(contract.records().get("CostAlert").topic()).isEqualTo(TopicNames.DEFAULTS.alerts());
    assertThat(contract.records().get("ScalingCommand").topic()).isEqualTo(TopicNames.DEFAULTS.commands());
  }

  // The checker itself: each kind of drift must be reported.

  private static List<String> problemsAfter(String name, Consumer<ObjectNode> drift) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(GENERATED.get(name).toString());
      drift.accept(root);
      return ContractChecker.check(contract.records().get(name), new Schema.Parser().parse(root.toString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode field(ObjectNode root, String name) {
    for (var field : root.get("fields")) {
      if (field.get("name").asText().equals(name)) {
        return (ObjectNode) field;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  @Test
  void reportsSwappedFields() {
    assertThat(problemsAfter("InferenceRequest", root -> {
      ArrayNode fields = (ArrayNode) root.get("fields");
      var first = fields.remove(0);
      fields.insert(1, first);
    })).singleElement().asString().startsWith("InferenceRequest: field order [endpoint_id, request_id");
  }

  @Test
  void reportsAMissingField() {
    assertThat(problemsAfter("BillingEvent", root -> ((ArrayNode) root.get("fields")).remove(9)))
        .containsExactly("BillingEvent.cost_usd: missing");
  }

  @Test
  void reportsAnOptionalFieldWithoutNullDefault() {
    assertThat(problemsAfter("CostAlert", root -> field(root, "baseline").remove("default")))
        .containsExactly("CostAlert.baseline: an optional field needs default null, got no default");
  }

  @Test
  void reportsARequiredFieldMadeOptional() {
    assertThat(problemsAfter("ReplicaEvent", root -> field(root, "replica_id")
            .<ObjectNode>set("type", JSON.createArrayNode().add("null").add("string"))
            .set("default", JSON.nullNode())))
        .containsExactly("ReplicaEvent.replica_id: expected string, got [\"null\",\"string\"]");
  }

  @Test
  void reportsATimestampWithoutItsLogicalType() {
    assertThat(problemsAfter("ScalingCommand", root -> field(root, "issued_at").put("type", "long")))
        .singleElement().asString().startsWith("ScalingCommand.issued_at: expected long with logicalType timestamp-millis");
    assertThat(problemsAfter("ScalingCommand", root -> field(root, "expires_at")
            .set("type", JSON.createArrayNode().add("null").add("long"))))
        .singleElement().asString().startsWith("ScalingCommand.expires_at: expected long with logicalType timestamp-millis");
  }

  @Test
  void reportsEnumDrift() {
    assertThat(problemsAfter("ReplicaEvent", root -> ((ObjectNode) field(root, "type").get("type")).remove("default")))
        .containsExactly("ReplicaEvent.type: enum ReplicaEventType needs default symbol UNKNOWN on the enum type, got null");
    assertThat(problemsAfter("CostAlert", root -> {
      ArrayNode symbols = (ArrayNode) field(root, "severity").get("type").get("symbols");
      symbols.remove(0);
      symbols.add("INFO");
    })).containsExactly("CostAlert.severity: enum Severity symbols [WARNING, CRITICAL, INFO] != [INFO, WARNING, CRITICAL]");
  }

  @Test
  void reportsChangedDefaults() {
    assertThat(problemsAfter("EndpointConfig", root -> {
      field(root, "timezone").put("default", "Europe/Berlin");
      field(root, "allow_emergency_shutdown").remove("default");
      field(root, "thresholds").remove("default");
    })).containsExactly(
        "EndpointConfig.timezone: expected default UTC, got Europe/Berlin",
        "EndpointConfig.allow_emergency_shutdown: expected default false, got no default",
        "EndpointConfig.thresholds: expected default {}, got no default");
  }

  @Test
  void reportsAnotherNamespace() {
    assertThat(problemsAfter("BillingEvent", root -> root.put("namespace", "com.example")))
        .contains("BillingEvent: namespace com.example != io.burnrate.schema");
  }

  @Test
  void acceptsAnAddedFieldWithADefaultButNotOneWithout() {
    assertThat(problemsAfter("InferenceRequest", root -> ((ArrayNode) root.get("fields"))
            .add(JSON.createObjectNode().put("name", "zone").put("type", "string").put("default", ""))))
        .isEmpty();
    assertThat(problemsAfter("InferenceRequest", root -> ((ArrayNode) root.get("fields"))
            .add(JSON.createObjectNode().put("name", "zone").put("type", "string"))))
        .containsExactly("InferenceRequest.zone: not in the contract and has no default");
  }
}
