package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.InferenceRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema REQUEST = AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema());
  private static final String SUBJECT = "inference.requests-value";

  private StubRegistryServer stub;

  @BeforeEach
  void start() throws IOException {
    stub = StubRegistryServer.http();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private RegistryClientSettings settings() {
    return RegistryClientSettings.forUrls(stub.url().toString())
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10));
  }

  private HttpSchemaRegistryClient client() {
    return new HttpSchemaRegistryClient(settings());
  }

  private static String schemaAnswer(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  @Test
  void registersWithTheConfluentRequestAndCachesTheAnswer() throws IOException {
    stub.answer(200, "{\"id\":7}");
    HttpSchemaRegistryClient client = client();

    assertThat(client.register(SUBJECT, REQUEST)).isEqualTo(7);
    assertThat(client.register(SUBJECT, REQUEST)).isEqualTo(7);
    assertThat(client.getId(SUBJECT, REQUEST)).isEqualTo(7);
    assertThat(client.getById(7)).isEqualTo(REQUEST);

    List<StubRegistryServer.Request> requests = stub.requests();
    assertThat(requests).hasSize(1);
    StubRegistryServer.Request request = requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/subjects/inference.requests-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.accept()).startsWith("application/vnd.schemaregistry.v1+json");
    assertThat(request.authorization()).isNull();
    JsonNode body = JSON.readTree(request.body());
    assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(REQUEST);
  }

  @Test
  void fetchesASchemaByIdOnce() {
    stub.answer(200, schemaAnswer(REQUEST));
    HttpSchemaRegistryClient client = client();

    Schema first = client.getById(3);
    Schema second = client.getById(3);

    assertThat(first).isEqualTo(REQUEST).isSameAs(second);
    assertThat(stub.requests()).extracting(StubRegistryServer.Request::rawPath).containsExactly("/schemas/ids/3");
  }

  @Test
  void looksUpWithoutRegistering() {
    stub.answer(200, "{\"subject\":\"" + SUBJECT + "\",\"id\":12,\"version\":2,\"schema\":\"{}\"}");
    HttpSchemaRegistryClient client = client();

    assertThat(client.getId(SUBJECT, REQUEST)).isEqualTo(12);
    assertThat(client.getId(SUBJECT, REQUEST)).isEqualTo(12);

    assertThat(stub.requests()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.rawPath()).isEqualTo("/subjects/inference.requests-value");
    });
  }

  @Test
  void retriesA503ThenSucceeds() {
    stub.answer(503, "{\"error_code\":50301,\"message\":\"leader not available\"}")
        .answer(200, schemaAnswer(REQUEST));

    assertThat(client().getById(5)).isEqualTo(REQUEST);
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void doesNotRetryA404AndReportsTheRegistrysError() {
    stub.answer(404, "{\"error_code\":40401,\"message\":\"Subject 'inference.requests-value' not found.\"}");

    assertThatThrownBy(() -> client().getId(SUBJECT, REQUEST))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40401);
          assertThat(e.registryMessage()).isEqualTo("Subject 'inference.requests-value' not found.");
          assertThat(e.subject()).contains(SUBJECT);
          assertThat(e.isNotFound()).isTrue();
        })
        .hasMessage("schema registry: look up io.burnrate.schema.InferenceRequest, subject 'inference.requests-value':"
            + " HTTP 404, error_code 40401: Subject 'inference.requests-value' not found.");
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void anUnknownIdCarriesTheId() {
    stub.answer(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");

    assertThatThrownBy(() -> client().getById(99))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.schemaId()).hasValue(99);
          assertThat(e.errorCode()).isEqualTo(40403);
        });
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    for (int i = 0; i < 5; i++) {
      stub.answer(500, "{\"error_code\":50001,\"message\":\"store error\"}");
    }

    assertThatThrownBy(() -> client().register(SUBJECT, REQUEST))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.errorCode()).isEqualTo(50001);
        })
        .hasMessageContaining("failed after 3 attempt(s)");
    assertThat(stub.requests()).hasSize(3);
  }

  @Test
  void stopsRetryingWhenTheTimeBudgetIsSpent() {
    RegistryClientSettings settings =
        settings().withRetries(1000, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(200));

    assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings).getById(1)).isInstanceOf(RegistryException.class);
    assertThat(stub.requests().size()).isBetween(2, 100);
  }

  @Test
  void aRequestThatIsNotAnsweredTimesOut() {
    stub.hang().hang();
    RegistryClientSettings settings =
        settings()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
            .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(10));

    assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings).getById(1))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(RegistryException.NO_RESPONSE);
          assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
        })
        .hasMessageContaining("failed after 2 attempt(s)");
    await().atMost(Duration.ofSeconds(5)).until(() -> stub.requests().size() == 2);
  }

  @Test
  void movesOnToTheNextUrlWhenOneRefusesConnections() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    stub.answer(200, schemaAnswer(REQUEST)).answer(200, schemaAnswer(REQUEST));
    RegistryClientSettings settings =
        RegistryClientSettings.forUrls("http://127.0.0.1:" + closedPort + ", " + stub.url())
            .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(10));
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);

    assertThat(client.getById(1)).isEqualTo(REQUEST);
    assertThat(client.getById(2)).isEqualTo(REQUEST);
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void anUnreachableRegistryNamesTheCause() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    RegistryClientSettings settings =
        RegistryClientSettings.forUrls("http://127.0.0.1:" + closedPort)
            .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(10));

    assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings).getById(4))
        .isInstanceOf(RegistryException.class)
        .hasCauseInstanceOf(ConnectException.class)
        .hasMessageContaining("fetch schema by id, schema id 4: failed after 2 attempt(s)")
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .hasMessageContaining("ConnectException");
  }

  @Test
  void sendsBasicAuthAndNeverShowsThePassword() {
    stub.answer(200, "{\"id\":1}").answer(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
    RegistryClientSettings settings = settings().withBasicAuth("svc-burnrate:s3cr3t-pw");
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);

    client.register(SUBJECT, REQUEST);
    Schema alert = AvroSchemas.withoutJavaProperties(CostAlert.getClassSchema());
    RegistryException denied = null;
    try {
      client.register("cost.alerts-value", alert);
    } catch (RegistryException e) {
      denied = e;
    }

    assertThat(stub.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Basic c3ZjLWJ1cm5yYXRlOnMzY3IzdC1wdw=="));
    assertThat(denied).isNotNull();
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.getMessage()).doesNotContain("s3cr3t");
    assertThat(settings.toString()).contains("svc-burnrate:****").doesNotContain("s3cr3t");
    assertThat(client.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void readsAndSetsCompatibility() throws IOException {
    stub.answer(200, "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}")
        .answer(404, "{\"error_code\":40408,\"message\":\"Subject 'x-value' does not have subject-level compatibility configured\"}")
        .answer(200, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
    HttpSchemaRegistryClient client = client();

    assertThat(client.compatibility(SUBJECT)).contains("FULL_TRANSITIVE");
    assertThat(client.compatibility("x-value")).isEmpty();
    client.setCompatibility(SUBJECT, "FULL_TRANSITIVE");

    List<StubRegistryServer.Request> requests = stub.requests();
    assertThat(requests).extracting(StubRegistryServer.Request::method).containsExactly("GET", "GET", "PUT");
    assertThat(requests.get(0).rawPath()).isEqualTo("/config/inference.requests-value");
    assertThat(JSON.readTree(requests.get(2).body()).get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
  }

  @Test
  void checksCompatibilityAgainstTheLatestVersion() {
    stub.answer(200, "{\"is_compatible\":false}")
        .answer(200, "{\"is_compatible\":true}")
        .answer(404, "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");
    HttpSchemaRegistryClient client = client();

    assertThat(client.isCompatible(SUBJECT, REQUEST)).isFalse();
    assertThat(client.isCompatible(SUBJECT, REQUEST)).isTrue();
    assertThat(client.isCompatible("new-value", REQUEST)).isTrue();
    assertThat(stub.requests().get(0).rawPath()).isEqualTo("/compatibility/subjects/inference.requests-value/versions/latest");
  }

  @Test
  void givesTheRegistrysReasonsWhenASchemaIsIncompatible() {
    stub.answer(200, "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3\"]}")
        .answer(200, "{\"is_compatible\":false}")
        .answer(200, "{\"is_compatible\":true,\"messages\":[]}")
        .answer(404, "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");
    HttpSchemaRegistryClient client = client();

    assertThat(client.incompatibilities(SUBJECT, REQUEST)).containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3");
    assertThat(client.incompatibilities(SUBJECT, REQUEST)).singleElement().asString().contains(SUBJECT);
    assertThat(client.incompatibilities(SUBJECT, REQUEST)).isEmpty();
    assertThat(client.incompatibilities("new-value", REQUEST)).isEmpty();
    assertThat(stub.requests().get(0).rawPath()).isEqualTo("/compatibility/subjects/inference.requests-value/versions/latest");
    assertThat(stub.requests().get(0).rawQuery()).isEqualTo("verbose=true");
  }

  @Test
  void readsTheLatestVersionOfASubject() {
    stub.answer(200, JSON.createObjectNode().put("subject", SUBJECT).put("version", 3).put("id", 12)
            .put("schema", REQUEST.toString()).toString())
        .answer(404, "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}")
        .answer(404, "<html>Not Found</html>");
    HttpSchemaRegistryClient client = client();

    assertThat(client.latestVersion(SUBJECT)).contains(new RegisteredSchema(SUBJECT, 3, 12, REQUEST));
    assertThat(client.latestVersion("new-value")).isEmpty();
    assertThatThrownBy(() -> client.latestVersion("other-value"))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.isNotFound()).isTrue();
          assertThat(e.isRegistryNotFound()).as("a 404 without a registry error code").isFalse();
        });
    assertThat(stub.requests().get(0).rawPath()).isEqualTo("/subjects/inference.requests-value/versions/latest");
  }

  @Test
  void encodesTheSubjectInThePath() {
    stub.answer(200, "{\"id\":3}");

    client().register("odd subject/with?chars", REQUEST);

    assertThat(stub.requests().get(0).rawPath()).isEqualTo("/subjects/odd%20subject%2Fwith%3Fchars/versions");
  }

  @Test
  void refusesSchemasItCannotRead() {
    stub.answer(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}")
        .answer(200, "{\"schema\":\"{not avro\"}");
    HttpSchemaRegistryClient client = client();

    assertThatThrownBy(() -> client.getById(8)).isInstanceOf(RegistryException.class).hasMessageContaining("PROTOBUF");
    assertThatThrownBy(() -> client.getById(9)).isInstanceOf(RegistryException.class).hasMessageContaining("not a valid Avro schema");
  }

  @Test
  void serdeOverHttpMakesNoCallOnceWarm() {
    stub.answer(200, "{\"id\":21}");
    HttpSchemaRegistryClient client = client();
    AvroWireSerde<InferenceRequest> serde = new AvroWireSerde<>(client, InferenceRequest.class, true);

    for (int i = 0; i < 50; i++) {
      byte[] bytes = serde.serializer().serialize("inference.requests", ContractRecords.request(i % 2 == 0));
      assertThat(serde.deserializer().deserialize("inference.requests", bytes)).isEqualTo(ContractRecords.request(i % 2 == 0));
    }

    assertThat(stub.requests()).hasSize(1);
    assertThat(Optional.of(stub.requests().get(0).rawPath())).contains("/subjects/inference.requests-value/versions");
  }
}
