package io.burnrate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.config.TopicNames;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.serde.AvroSchemas;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.StubRegistryServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RegistryStartupCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final Duration SHORT = Duration.ofMillis(20);
  private static final String NO_SUBJECT = "{\"error_code\":40401,\"message\":\"Subject not found.\"}";

  private static HttpSchemaRegistryClient oneAttemptClient(String url) {
    return new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(url)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withRetries(1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
  }

  private static RegistryStartupCheck check(io.burnrate.serde.SchemaRegistryClient client, String url, Duration timeout) {
    return new RegistryStartupCheck(client, url, timeout, SHORT, Duration.ofMillis(80));
  }

  @Test
  void waitsForARegistryThatAnswers503ThenChecksEverySubject() throws IOException {
    try (StubRegistryServer stub = StubRegistryServer.http()) {
      stub.answer(503, "{\"error_code\":50003,\"message\":\"starting\"}")
          .answer(503, "{\"error_code\":50003,\"message\":\"starting\"}");
      for (int i = 0; i < 4; i++) {
        stub.answer(404, NO_SUBJECT);
      }
      stub.answer(200, "{\"is_compatible\":true}").answer(200, "{\"is_compatible\":true}");
      String url = stub.url().toString();

      check(oneAttemptClient(url), url, Duration.ofSeconds(10)).run(RegistryStartupCheck.expectations(TOPICS, true));

      List<StubRegistryServer.Request> requests = stub.requests();
      assertThat(requests).hasSize(8);
      assertThat(requests.subList(2, 6)).extracting(StubRegistryServer.Request::rawPath).containsExactly(
          "/subjects/inference.requests-value/versions/latest", "/subjects/inference.replicas-value/versions/latest",
          "/subjects/billing.events-value/versions/latest", "/subjects/endpoint.config-value/versions/latest");
      assertThat(requests.subList(6, 8)).extracting(StubRegistryServer.Request::rawPath).containsExactly(
          "/compatibility/subjects/cost.alerts-value/versions/latest",
          "/compatibility/subjects/scaling.commands-value/versions/latest");
    }
  }

  @Test
  void givesUpAfterTheTimeoutNamingTheUrlAndWhatFailed() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    long started = System.nanoTime();

    assertThatThrownBy(() -> check(oneAttemptClient(url), url, Duration.ofMillis(300))
            .run(RegistryStartupCheck.expectations(TOPICS, true)))
        .isInstanceOf(RegistryStartupException.class)
        .hasMessageStartingWith("schema registry at " + url + ": not reachable within 0.3 s")
        .hasMessageContaining("burnrate.registry.startup.timeout.ms")
        .hasMessageContaining("ConnectException")
        .hasMessageContaining("check schema.registry.url");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aZeroTimeoutTriesOnce() throws IOException {
    try (StubRegistryServer stub = StubRegistryServer.http()) {
      stub.answer(503, "{\"error_code\":50003,\"message\":\"down\"}");
      String url = stub.url().toString();

      assertThatThrownBy(() -> check(oneAttemptClient(url), url, Duration.ZERO)
              .run(RegistryStartupCheck.expectations(TOPICS, true)))
          .hasMessageContaining("not reachable within 0 s")
          .hasMessageContaining("HTTP 503");
      assertThat(stub.requests()).hasSize(1);
    }
  }

  @Test
  void aRefusalIsReportedAtOnceWithWhatToCheck() throws IOException {
    try (StubRegistryServer stub = StubRegistryServer.http()) {
      stub.answer(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
      String url = stub.url().toString();

      assertThatThrownBy(() -> check(oneAttemptClient(url), url, Duration.ofSeconds(10))
              .run(RegistryStartupCheck.expectations(TOPICS, true)))
          .isInstanceOf(RegistryStartupException.class)
          .hasMessageContaining("refused the start-up check")
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("schema.registry.basic.auth.user.info");
      assertThat(stub.requests()).hasSize(1);
    }
  }

  @Test
  void anInputSubjectWhoseLatestSchemaBurnrateCannotReadFailsNamingTheSubjectAndWhy() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.setCompatibility("inference.requests-value", "NONE");
    registry.register("inference.requests-value", contractRequest());
    registry.register("inference.requests-value", withoutField(contractRequest(), "latency_ms"));

    assertThatThrownBy(() -> check(registry, "http://registry", Duration.ZERO)
            .run(RegistryStartupCheck.expectations(TOPICS, true)))
        .isInstanceOfSatisfying(RegistryStartupException.class, e -> assertThat(e.problems()).singleElement()
            .asString()
            .startsWith("subject inference.requests-value: Burnrate cannot read its latest schema (version 2, id 2)")
            .contains("latency_ms"));
  }

  @Test
  void anOutputSubjectWhoseCompatibilityRefusesBurnratesSchemaFailsNamingTheSubject() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.setCompatibility("cost.alerts-value", "FULL");
    registry.register("cost.alerts-value", withRequiredField(AvroSchemas.withoutJavaProperties(CostAlert.getClassSchema()),
        "tenant"));

    assertThatThrownBy(() -> check(registry, "http://registry", Duration.ZERO)
            .run(RegistryStartupCheck.expectations(TOPICS, true)))
        .isInstanceOfSatisfying(RegistryStartupException.class, e -> assertThat(e.problems()).singleElement()
            .asString()
            .startsWith("subject cost.alerts-value: the registry would refuse Burnrate's io.burnrate.schema.CostAlert")
            .contains("FULL"));
  }

  @Test
  void withoutAutoRegistrationBurnratesOutputSchemasMustBeRegistered() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.register("scaling.commands-value",
        AvroSchemas.withoutJavaProperties(io.burnrate.schema.ScalingCommand.getClassSchema()));

    assertThatThrownBy(() -> check(registry, "http://registry", Duration.ZERO)
            .run(RegistryStartupCheck.expectations(TOPICS, false)))
        .isInstanceOfSatisfying(RegistryStartupException.class, e -> assertThat(e.problems()).singleElement()
            .asString()
            .startsWith("subject cost.alerts-value: Burnrate's io.burnrate.schema.CostAlert is not registered there")
            .contains("burnrate.schemas.auto.register"));
  }

  @Test
  void aRegistryHoldingTheContractSchemasPasses() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    for (RegistryStartupCheck.Expectation expectation : RegistryStartupCheck.expectations(TOPICS, false)) {
      registry.register(expectation.subject(), AvroSchemas.withoutJavaProperties(expectation.schema()));
    }

    check(registry, "http://registry", Duration.ZERO).run(RegistryStartupCheck.expectations(TOPICS, false));
  }

  private static Schema contractRequest() {
    return AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema());
  }

  private static Schema withoutField(Schema schema, String field) {
    ObjectNode root = tree(schema);
    ArrayNode fields = (ArrayNode) root.get("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals(field)) {
        fields.remove(i);
        break;
      }
    }
    return new Schema.Parser().parse(root.toString());
  }

  private static Schema withRequiredField(Schema schema, String field) {
    ObjectNode root = tree(schema);
    ((ArrayNode) root.get("fields")).addObject().put("name", field).put("type", "string");
    return new Schema.Parser().parse(root.toString());
  }

  private static ObjectNode tree(Schema schema) {
    try {
      return (ObjectNode) JSON.readTree(schema.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
