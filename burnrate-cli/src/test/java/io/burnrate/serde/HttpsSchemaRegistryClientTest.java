package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnrate.schema.InferenceRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over TLS, against a stub with a self-signed certificate for 127.0.0.1 made by the JDK's keytool. */
class HttpsSchemaRegistryClientTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final Schema REQUEST = AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema());

  @TempDir static Path dir;

  private static KeyStore serverKeys;
  private static StubRegistryServer stub;

  @BeforeAll
  static void start() throws Exception {
    Path keystore = dir.resolve("registry.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(List.of(
                keytool.toString(), "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool exit code; see %s", dir.resolve("keytool.log")).isZero();

    serverKeys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      serverKeys.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(serverKeys, PASSWORD);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keys.getKeyManagers(), null, null);
    stub = StubRegistryServer.https(serverTls);
  }

  @AfterAll
  static void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  private static SSLContext trustingTheStub() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("registry", serverKeys.getCertificate("registry"));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return tls;
  }

  @Test
  void talksToTheRegistryOverHttps() throws Exception {
    stub.answer(200, "{\"id\":4}")
        .answer(200, new ObjectMapper().createObjectNode().put("schema", REQUEST.toString()).toString());
    RegistryClientSettings settings =
        RegistryClientSettings.forUrls(stub.url().toString())
            .withSslContext(trustingTheStub())
            .withBasicAuth("svc:pw");
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(settings);

    assertThat(stub.url().getScheme()).isEqualTo("https");
    assertThat(client.register("inference.requests-value", REQUEST)).isEqualTo(4);
    assertThat(client.getById(5)).isEqualTo(REQUEST);
    assertThat(stub.requests()).extracting(StubRegistryServer.Request::authorization).containsOnly("Basic c3ZjOnB3");
  }

  @Test
  void refusesACertificateItDoesNotTrust() {
    RegistryClientSettings settings =
        RegistryClientSettings.forUrls(stub.url().toString())
            .withRetries(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));

    assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings).getById(1))
        .isInstanceOf(RegistryException.class)
        .hasCauseInstanceOf(SSLException.class);
  }
}
