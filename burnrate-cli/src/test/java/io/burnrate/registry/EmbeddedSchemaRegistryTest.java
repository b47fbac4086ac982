package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import static io.burnrate.registry.RegistryTestClient.MAPPER;
import static io.burnrate.registry.RegistryTestClient.json;
import static io.burnrate.registry.RegistryTestClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.registry.RegistryTestClient.Reply;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's HTTP API, over real HTTP on loopback, with an in-memory store. */
class EmbeddedSchemaRegistryTest {

  private static final String V1 =
      """
      {"type": "record", "name": "Thing", "namespace": "io.burnrate.test",
       "fields": [{"name": "id", "type": "string"}]}""";
  /** V1 plus an optional field: BACKWARD and FORWARD compatible with V1. */
  private static final String V2_OPTIONAL_FIELD =
      """
      {"type": "record", "name": "Thing", "namespace": "io.burnrate.test",
       "fields": [{"name": "id", "type": "string"},
                  {"name": "note", "type": ["null", "string"], "default": null}]}""";
  /** V1 plus a required field: the new schema cannot read V1 data (not BACKWARD). */
  private static final String V2_REQUIRED_FIELD =
      """
      {"type": "record", "name": "Thing", "namespace": "io.burnrate.test",
       "fields": [{"name": "id", "type": "string"}, {"name": "count", "type": "int"}]}""";
  private static final String OTHER =
      """
      {"type": "record", "name": "Other", "namespace": "io.burnrate.test",
       "fields": [{"name": "value", "type": "double"}]}""";

  private final InMemorySchemaStore store = new InMemorySchemaStore();
  private EmbeddedSchemaRegistry registry;
  private RegistryTestClient client;

  @BeforeEach
  void start() {
    registry = new EmbeddedSchemaRegistry(store, "127.0.0.1", 0).start();
    client = new RegistryTestClient(registry.url());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void listensOnLoopbackAndAnswersTheRootWithAnEmptyObject() {
    assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + registry.port());
    assertThat(registry.port()).isPositive();

    Reply root = get("/");

    assertThat(root.status()).isEqualTo(200);
    assertThat(root.json()).isEqualTo(MAPPER.createObjectNode());
    assertThat(root.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
  }

  @Test
  void registersASchemaAndServesItByVersionAndById() {
    Reply registered = register("things-value", V1);

    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.json()).isEqualTo(json("{\"id\": 1}"));
    String canonical = new Schema.Parser().parse(V1).toString();
    ObjectNode expected = MAPPER.createObjectNode();
    expected.put("subject", "things-value").put("version", 1).put("id", 1).put("schema", canonical);
    assertThat(get("/subjects/things-value/versions/1").json()).isEqualTo(expected);
    assertThat(get("/subjects/things-value/versions/latest").json()).isEqualTo(expected);
    assertThat(get("/subjects/things-value/versions/-1").json()).isEqualTo(expected);
    assertThat(get("/subjects/things-value/versions/latest").json().has("schemaType")).isFalse();
    assertThat(get("/subjects/things-value/versions").json()).isEqualTo(json("[1]"));
    assertThat(get("/subjects").json()).isEqualTo(json("[\"things-value\"]"));
    assertThat(json(get("/subjects/things-value/versions/1/schema").body()))
        .isEqualTo(json(canonical));
    assertThat(get("/schemas/ids/1").json()).isEqualTo(MAPPER.createObjectNode().put("schema", canonical));
    assertThat(get("/schemas/ids/1?subject=anything&format=").json().path("schema").asText())
        .isEqualTo(canonical);
    assertThat(json(get("/schemas/ids/1/schema").body())).isEqualTo(json(canonical));
    assertThat(get("/schemas/ids/1/versions").json())
        .isEqualTo(json("[{\"subject\": \"things-value\", \"version\": 1}]"));
    assertThat(get("/schemas/ids/1/subjects").json()).isEqualTo(json("[\"things-value\"]"));
    assertThat(get("/schemas/types").json()).isEqualTo(json("[\"AVRO\"]"));
  }

  @Test
  void theSameSchemaTwiceKeepsItsIdAndVersionEvenWhenFormattedDifferently() {
    assertThat(register("things-value", V1).json().path("id").asInt()).isEqualTo(1);
    String reformatted =
        "{\"fields\":[{\"type\":\"string\",\"name\":\"id\"}],\"namespace\":\"io.burnrate.test\","
            + "\n  \"name\":\"Thing\",\"type\":\"record\"}";

    assertThat(register("things-value", V1).json().path("id").asInt()).isEqualTo(1);
    assertThat(register("things-value", reformatted).json().path("id").asInt()).isEqualTo(1);
    assertThat(get("/subjects/things-value/versions").json()).isEqualTo(json("[1]"));
    assertThat(store.records()).hasSize(1);
  }

  @Test
  void theSameSchemaUnderTwoSubjectsSharesOneGlobalId() {
    register("a-value", V1);
    register("b-value", OTHER);

    Reply again = register("c-value", V1);

    assertThat(again.json().path("id").asInt()).isEqualTo(1);
    assertThat(register("c-value", V2_OPTIONAL_FIELD).json().path("id").asInt()).isEqualTo(3);
    assertThat(get("/subjects").json()).isEqualTo(json("[\"a-value\", \"b-value\", \"c-value\"]"));
    assertThat(get("/subjects/c-value/versions/1").json().path("id").asInt()).isEqualTo(1);
    assertThat(get("/schemas/ids/1/versions").json())
        .isEqualTo(json("[{\"subject\": \"a-value\", \"version\": 1}, {\"subject\": \"c-value\", \"version\": 1}]"));
  }

  @Test
  void concurrentRegistrationsOfOneSchemaGetOneId() throws Exception {
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      replies.add(client.registerAsync("s" + i, OTHER));
    }

    for (CompletableFuture<Reply> reply : replies) {
      assertThat(reply.get().json()).isEqualTo(json("{\"id\": 1}"));
    }
    assertThat(get("/schemas/ids/1/subjects").json()).hasSize(8);
  }

  @Test
  void looksUpARegisteredSchemaUnderItsSubject() {
    register("things-value", V1);
    register("things-value", V2_OPTIONAL_FIELD);

    Reply found = post("/subjects/things-value", schemaBody(V2_OPTIONAL_FIELD));

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().path("subject").asText()).isEqualTo("things-value");
    assertThat(found.json().path("id").asInt()).isEqualTo(2);
    assertThat(found.json().path("version").asInt()).isEqualTo(2);
    assertThat(found.json().path("schema").asText())
        .isEqualTo(new Schema.Parser().parse(V2_OPTIONAL_FIELD).toString());
    Reply notThere = post("/subjects/things-value", schemaBody(OTHER));
    assertThat(notThere.status()).isEqualTo(404);
    assertThat(notThere.errorCode()).isEqualTo(40403);
    Reply noSubject = post("/subjects/nobody", schemaBody(V1));
    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.errorCode()).isEqualTo(40401);
    assertThat(noSubject.json().path("message").asText()).isEqualTo("Subject 'nobody' not found.");
  }

  @Test
  void refusesASchemaIncompatibleUnderBackwardWith409AndSaysWhy() {
    register("things-value", V1);

    Reply refused = register("things-value", V2_REQUIRED_FIELD);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo(409);
    assertThat(refused.json().path("message").asText())
        .contains("incompatible with an earlier schema for subject \"things-value\"")
        .contains("BACKWARD")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("count");
    assertThat(get("/subjects/things-value/versions").json()).isEqualTo(json("[1]"));
    assertThat(register("things-value", V2_OPTIONAL_FIELD).json()).isEqualTo(json("{\"id\": 2}"));
    assertThat(get("/subjects/things-value/versions").json()).isEqualTo(json("[1, 2]"));
  }

  @Test
  void forwardLevelChecksThatOldSchemasReadNewData() {
    put("/config/things-value", "{\"compatibility\": \"FORWARD\"}");
    register("things-value", V1);

    assertThat(register("things-value", V2_REQUIRED_FIELD).status()).isEqualTo(200);
    // Without the required field, version 2 could not read the new data.
    String withoutCount =
        V2_OPTIONAL_FIELD.replace("\"note\"", "\"remark\"");
    Reply refused = register("things-value", withoutCount);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).contains("version 2 cannot read");
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersion() {
    String intX = record("{\"name\": \"x\", \"type\": \"int\"}");
    String noX = record("");
    String stringX = record("{\"name\": \"x\", \"type\": \"string\", \"default\": \"\"}");
    register("backward-value", intX);
    register("backward-value", noX);
    put("/config/transitive-value", "{\"compatibility\": \"BACKWARD_TRANSITIVE\"}");
    register("transitive-value", intX);
    register("transitive-value", noX);

    assertThat(register("backward-value", stringX).status()).isEqualTo(200);
    Reply refused = register("transitive-value", stringX);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).contains("version 1");
  }

  @Test
  void refusesInvalidSchemasWith42201() {
    assertError(register("things-value", "{\"type\": \"record\", \"name\": \"NoFields\"}"), 422, 42201);
    assertError(register("things-value", "{not json"), 422, 42201);
    assertError(register("things-value", "\"nosuchtype\""), 422, 42201);
    assertError(post("/subjects/things-value/versions", "{\"schema\": \"\"}"), 422, 42201);
    assertError(post("/subjects/things-value/versions", "{}"), 422, 42201);
    ObjectNode protobuf = schemaNode(V1).put("schemaType", "PROTOBUF");
    Reply wrongType = post("/subjects/things-value/versions", protobuf.toString());
    assertError(wrongType, 422, 42201);
    assertThat(wrongType.json().path("message").asText()).contains("PROTOBUF");
    ObjectNode withReference = schemaNode(V1);
    withReference.putArray("references").addObject().put("name", "x").put("subject", "y").put("version", 1);
    assertError(post("/subjects/things-value/versions", withReference.toString()), 422, 42201);
    assertThat(get("/subjects").json()).isEqualTo(json("[]"));
  }

  @Test
  void acceptsAnExplicitAvroTypeAndEmptyReferences() {
    ObjectNode body = schemaNode(V1).put("schemaType", "AVRO");
    body.putArray("references");

    assertThat(post("/subjects/things-value/versions", body.toString()).json()).isEqualTo(json("{\"id\": 1}"));
  }

  @Test
  void explainsMalformedBodiesWithoutAStackTrace() {
    Reply malformed = post("/subjects/things-value/versions", "{\"schema\": ");
    assertError(malformed, 400, 400);
    assertThat(malformed.json().path("message").asText()).startsWith("The request body is not valid JSON");
    assertThat(malformed.body()).doesNotContain("\tat ").doesNotContain("Exception");

    Reply schemaAsObject = post("/subjects/things-value/versions", "{\"schema\": {\"type\": \"string\"}}");
    assertError(schemaAsObject, 422, 422);
    assertThat(schemaAsObject.json().path("message").asText()).contains("'schema'").contains("string");

    assertError(post("/subjects/things-value/versions", "[1]"), 422, 422);
    assertError(post("/subjects/things-value/versions", ""), 422, 422);
  }

  @Test
  void acceptsPlainJsonAndOctetStreamRequests() {
    for (String type : List.of("application/json", "application/octet-stream")) {
      HttpRequest request =
          client
              .requestTo("/subjects/things-value/versions")
              .header("Content-Type", type)
              .POST(HttpRequest.BodyPublishers.ofString(schemaBody(V1)))
              .build();
      assertThat(client.send(request).json()).isEqualTo(json("{\"id\": 1}"));
    }
  }

  @Test
  void answersUnknownSubjectsVersionsAndIdsWith404AndConfluentErrorCodes() {
    register("things-value", V1);

    assertError(get("/subjects/nobody/versions"), 404, 40401);
    assertError(get("/subjects/nobody/versions/1"), 404, 40401);
    assertError(get("/subjects/nobody/versions/latest"), 404, 40401);
    Reply noVersion = get("/subjects/things-value/versions/7");
    assertError(noVersion, 404, 40402);
    assertThat(noVersion.json().path("message").asText()).isEqualTo("Version 7 not found.");
    assertError(get("/subjects/things-value/versions/7/schema"), 404, 40402);
    Reply noId = get("/schemas/ids/99");
    assertError(noId, 404, 40403);
    assertThat(noId.json().path("message").asText()).isEqualTo("Schema 99 not found");
    assertError(get("/schemas/ids/99/schema"), 404, 40403);
    assertError(get("/schemas/ids/abc"), 404, 40403);
    assertError(get("/subjects/things-value/versions/0"), 422, 42202);
    assertError(get("/subjects/things-value/versions/abc"), 422, 42202);
  }

  @Test
  void answersUnknownPathsWith404AndWrongMethodsWith405() {
    assertError(get("/nothing/here"), 404, 404);
    assertError(get("/subjects/things-value/other"), 404, 404);
    assertError(delete("/schemas/ids/1"), 405, 405);
    assertError(put("/subjects", "{}"), 405, 405);
  }

  @Test
  void listsNoSubjectsWhenEmpty() {
    Reply subjects = get("/subjects");

    assertThat(subjects.status()).isEqualTo(200);
    assertThat(subjects.body()).isEqualTo("[]");
  }

  @Test
  void readsAndChangesTheGlobalCompatibilityLevel() {
    assertThat(get("/config").json()).isEqualTo(json("{\"compatibilityLevel\": \"BACKWARD\"}"));

    Reply changed = put("/config", "{\"compatibility\": \"FULL_TRANSITIVE\"}");

    assertThat(changed.json()).isEqualTo(json("{\"compatibility\": \"FULL_TRANSITIVE\"}"));
    assertThat(get("/config").json()).isEqualTo(json("{\"compatibilityLevel\": \"FULL_TRANSITIVE\"}"));
    assertError(put("/config", "{\"compatibility\": \"SIDEWAYS\"}"), 422, 42203);
    assertError(put("/config", "{}"), 422, 42203);
    assertThat(get("/config").json()).isEqualTo(json("{\"compatibilityLevel\": \"FULL_TRANSITIVE\"}"));
  }

  @Test
  void subjectLevelsOverrideTheGlobalLevelUntilDeleted() {
    register("things-value", V1);
    Reply unset = get("/config/things-value");
    assertError(unset, 404, 40408);
    assertThat(unset.json().path("message").asText())
        .isEqualTo("Subject 'things-value' does not have subject-level compatibility configured");
    assertThat(get("/config/things-value?defaultToGlobal=true").json())
        .isEqualTo(json("{\"compatibilityLevel\": \"BACKWARD\"}"));

    assertThat(put("/config/things-value", "{\"compatibility\": \"none\"}").json())
        .isEqualTo(json("{\"compatibility\": \"NONE\"}"));

    assertThat(get("/config/things-value").json()).isEqualTo(json("{\"compatibilityLevel\": \"NONE\"}"));
    assertThat(get("/config").json()).isEqualTo(json("{\"compatibilityLevel\": \"BACKWARD\"}"));
    assertThat(register("things-value", V2_REQUIRED_FIELD).status()).isEqualTo(200);
    assertThat(delete("/config/things-value").json()).isEqualTo(json("{\"compatibilityLevel\": \"NONE\"}"));
    assertError(get("/config/things-value"), 404, 40408);
    assertError(delete("/config/things-value"), 404, 40401);
    assertThat(put("/config/not-yet-registered", "{\"compatibility\": \"FULL\"}").status()).isEqualTo(200);
  }

  @Test
  void testsCompatibilityWithoutRegistering() {
    register("things-value", V1);

    assertThat(post("/compatibility/subjects/things-value/versions/latest", schemaBody(V2_OPTIONAL_FIELD)).json())
        .isEqualTo(json("{\"is_compatible\": true}"));
    assertThat(post("/compatibility/subjects/things-value/versions/1", schemaBody(V2_REQUIRED_FIELD)).json())
        .isEqualTo(json("{\"is_compatible\": false}"));
    assertThat(post("/compatibility/subjects/things-value/versions", schemaBody(V2_REQUIRED_FIELD)).json())
        .isEqualTo(json("{\"is_compatible\": false}"));
    Reply verbose =
        post("/compatibility/subjects/things-value/versions/latest?verbose=true", schemaBody(V2_REQUIRED_FIELD));
    assertThat(verbose.json().path("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.json().path("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(post("/compatibility/subjects/nobody/versions/latest", schemaBody(V1)).json())
        .isEqualTo(json("{\"is_compatible\": true}"));
    assertError(post("/compatibility/subjects/things-value/versions/9", schemaBody(V1)), 404, 40402);
    assertError(post("/compatibility/subjects/things-value/versions/x", schemaBody(V1)), 422, 42202);
    assertError(post("/compatibility/subjects/things-value/versions/latest", schemaBody("{oops")), 422, 42201);
    assertThat(get("/subjects/things-value/versions").json()).isEqualTo(json("[1]"));
  }

  @Test
  void softDeletesSubjectsAndVersionsButKeepsTheirIds() {
    register("things-value", V1);
    register("things-value", V2_OPTIONAL_FIELD);

    assertThat(delete("/subjects/things-value/versions/2").json()).isEqualTo(json("2"));
    assertError(delete("/subjects/things-value/versions/2"), 404, 40406);
    assertThat(get("/subjects/things-value/versions").json()).isEqualTo(json("[1]"));
    assertThat(get("/subjects/things-value/versions?deleted=true").json()).isEqualTo(json("[1, 2]"));
    assertThat(delete("/subjects/things-value").json()).isEqualTo(json("[1]"));
    assertError(delete("/subjects/things-value"), 404, 40404);
    assertError(delete("/subjects/nobody"), 404, 40401);
    assertError(delete("/subjects/things-value?permanent=true"), 422, 42205);

    assertThat(get("/subjects").json()).isEqualTo(json("[]"));
    assertThat(get("/subjects?deleted=true").json()).isEqualTo(json("[\"things-value\"]"));
    assertError(get("/subjects/things-value/versions"), 404, 40401);
    assertThat(get("/schemas/ids/2").status()).isEqualTo(200);
    assertThat(register("things-value", V2_OPTIONAL_FIELD).json()).isEqualTo(json("{\"id\": 2}"));
    assertThat(get("/subjects/things-value/versions").json()).isEqualTo(json("[3]"));
  }

  @Test
  void decodesPercentEncodedSubjects() {
    String subject = "team a/orders+v1-value";
    String encoded = URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");

    assertThat(post("/subjects/" + encoded + "/versions", schemaBody(V1)).json()).isEqualTo(json("{\"id\": 1}"));

    assertThat(get("/subjects").json()).isEqualTo(MAPPER.createArrayNode().add(subject));
    assertThat(get("/subjects/" + encoded + "/versions/1").json().path("subject").asText()).isEqualTo(subject);
  }

  @Test
  void aRestartOnTheSameStoreKeepsIdsVersionsAndLevels() {
    register("a-value", V1);
    register("a-value", V2_OPTIONAL_FIELD);
    register("b-value", OTHER);
    put("/config", "{\"compatibility\": \"FULL\"}");
    put("/config/b-value", "{\"compatibility\": \"NONE\"}");
    delete("/subjects/a-value/versions/2");
    registry.close();

    registry = new EmbeddedSchemaRegistry(store, "127.0.0.1", 0).start();
    client = new RegistryTestClient(registry.url());

    assertThat(post("/subjects/a-value", schemaBody(V1)).json().path("id").asInt()).isEqualTo(1);
    assertThat(get("/schemas/ids/2").json().path("schema").asText())
        .isEqualTo(new Schema.Parser().parse(V2_OPTIONAL_FIELD).toString());
    assertThat(get("/subjects/a-value/versions").json()).isEqualTo(json("[1]"));
    assertThat(get("/config").json()).isEqualTo(json("{\"compatibilityLevel\": \"FULL\"}"));
    assertThat(get("/config/b-value").json()).isEqualTo(json("{\"compatibilityLevel\": \"NONE\"}"));
    String fresh = record("{\"name\": \"y\", \"type\": \"long\"}");
    assertThat(register("c-value", fresh).json()).isEqualTo(json("{\"id\": 4}"));
  }

  @Test
  void reportsAStoreThatCannotWriteAs50001AndKeepsNothing() {
    registry.close();
    registry = new EmbeddedSchemaRegistry(new BrokenStore(), "127.0.0.1", 0).start();
    client = new RegistryTestClient(registry.url());

    Reply failed = register("things-value", V1);

    assertError(failed, 500, 50001);
    assertThat(failed.json().path("message").asText())
        .contains("things-value")
        .contains("broken disk");
    assertThat(get("/subjects").json()).isEqualTo(json("[]"));
    assertError(put("/config", "{\"compatibility\": \"FULL\"}"), 500, 50001);
    assertThat(get("/config").json()).isEqualTo(json("{\"compatibilityLevel\": \"BACKWARD\"}"));
  }

  @Test
  void refusesToStartTwiceAndClosesTwiceQuietly() {
    assertThat(registry.url()).startsWith("http://127.0.0.1:");
    assertThatThrownBy(registry::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
    registry.close();
    registry.close();
    assertThatThrownBy(registry::port)
        .isInstanceOf(IllegalStateException.class);
  }

  /** A store whose writes always fail, as a broker that refuses them would. */
  private static final class BrokenStore implements SchemaStore {
    @Override
    public void replay(Consumer<StoreRecord> sink) {}

    @Override
    public void append(StoreRecord record) {
      throw new SchemaStoreException("broken disk");
    }

    @Override
    public String description() {
      return "broken store";
    }

    @Override
    public void close() {}
  }

  private static String record(String fields) {
    return "{\"type\": \"record\", \"name\": \"Evolving\", \"namespace\": \"io.burnrate.test\", \"fields\": ["
        + fields + "]}";
  }

  private static void assertError(Reply reply, int status, int errorCode) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.errorCode()).as("error_code of %s", reply.body()).isEqualTo(errorCode);
    assertThat(reply.message()).isNotBlank();
  }

  private static ObjectNode schemaNode(String schema) {
    return MAPPER.createObjectNode().put("schema", schema);
  }

  private Reply register(String subject, String schema) {
    return client.register(subject, schema);
  }

  private Reply get(String path) {
    return client.get(path);
  }

  private Reply post(String path, String body) {
    return client.post(path, body);
  }

  private Reply put(String path, String body) {
    return client.put(path, body);
  }

  private Reply delete(String path) {
    return client.delete(path);
  }
}
