package io.burnrate.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.schema.InferenceRequest;
import io.burnrate.security.TestCertificates;
import io.burnrate.serde.AvroSchemas;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.RegistryTrustStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded registry over HTTPS with HTTP Basic auth, on a fresh in-memory store. */
class EmbeddedSchemaRegistrySecurityTest {
  private static final Schema REQUEST = AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema());
  private static final String USER = "burnrate";
  private static final String PASSWORD = TestCertificates.secret("registry");

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static SSLContext trust;
  private static EmbeddedSchemaRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir);
    trust = RegistryTrustStore.sslContext(certificates.truststore(), certificates.truststorePassword().toCharArray(),
        TestCertificates.TYPE);
    registry = new EmbeddedSchemaRegistry(new InMemorySchemaStore(), EmbeddedSchemaRegistry.DEFAULT_HOST, 0)
        .withHttps(RegistryTls.serverContext(certificates.serverKeystore(),
            certificates.keystorePassword().toCharArray(), TestCertificates.TYPE))
        .withBasicAuth(Map.of(USER, PASSWORD))
        .start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void servesHttpsToAClientThatTrustsTheCaAndKnowsThePassword() {
    RegistryClientSettings settings = RegistryClientSettings.forUrls(registry.url())
        .withSslContext(trust)
        .withBasicAuth(USER + ":" + PASSWORD);
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);

    assertThat(registry.url()).startsWith("https://127.0.0.1:");
    int id = client.register("inference.requests-value", REQUEST);
    assertThat(client.getById(id)).isEqualTo(REQUEST);
  }

  @Test
  void withoutCredentialsOrWithWrongOnesTheAnswerIs401WithAChallenge() throws Exception {
    for (String authorization : new String[] {
        null, basic(USER, PASSWORD + "x"), basic("someone", PASSWORD), basic(USER, ""), "Basic not-base64!", "Bearer x"}) {
      HttpResponse<String> reply = get("/subjects", authorization);

      assertThat(reply.statusCode()).as("Authorization: %s", authorization).isEqualTo(401);
      assertThat(reply.headers().firstValue("WWW-Authenticate")).as("Authorization: %s", authorization)
          .hasValue("Basic realm=\"" + RegistryBasicAuth.REALM + "\", charset=\"UTF-8\"");
      assertThat(reply.body()).doesNotContain(PASSWORD);
    }
    assertThat(get("/subjects", basic(USER, PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void theClientWithAWrongPasswordGetsA401ThatDoesNotShowThePassword() {
    String wrong = TestCertificates.secret("wrong");
    RegistryClientSettings settings = RegistryClientSettings.forUrls(registry.url())
        .withSslContext(trust)
        .withBasicAuth(USER + ":" + wrong)
        .withRetries(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));

    assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings).getById(1))
        .isInstanceOfSatisfying(io.burnrate.serde.RegistryException.class, e -> assertThat(e.status()).isEqualTo(401))
        .message().doesNotContain(wrong).doesNotContain(PASSWORD);
  }

  @Test
  void aClientThatDoesNotTrustTheCaIsRefusedTheConnection() {
    RegistryClientSettings settings = RegistryClientSettings.forUrls(registry.url())
        .withBasicAuth(USER + ":" + PASSWORD)
        .withRetries(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));

    assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings).getById(1))
        .isInstanceOf(io.burnrate.serde.RegistryException.class)
        .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void aWrongKeystorePasswordIsAnErrorNamingTheFileButNotThePassword() {
    String wrong = TestCertificates.secret("wrong");
    assertThatThrownBy(() -> RegistryTls.serverContext(certificates.serverKeystore(), wrong.toCharArray(), "PKCS12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(certificates.serverKeystore().toString())
        .message().doesNotContain(wrong);
  }

  @Test
  void settingsCannotChangeOnceRunning() {
    assertThatThrownBy(() -> registry.withBasicAuth(Map.of("other", "pw")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before start()");
  }
}
