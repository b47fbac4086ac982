package io.burnrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.InvalidConfigException;
import io.burnrate.serde.RegistryClientSettings;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client's settings from the {@code schema.registry.*} keys: errors name the key and file, never a secret. */
class RegistryClientsTest {
  private static final String PASSWORD = "s3cret-truststore-5f1e0c";
  private static final String USER_INFO_SECRET = "s3cret-registry-77aa01";

  @TempDir Path dir;

  private static BurnrateConfig config(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.putIfAbsent(BurnrateConfig.REGISTRY_URL, "https://127.0.0.1:8081");
    return BurnrateConfig.of(all);
  }

  private Path emptyTrustStore(String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = dir.resolve("empty.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  @Test
  void withoutATrustStoreTheJdkDefaultTrustAndTheBasicAuthAreUsed() {
    RegistryClientSettings settings = RegistryClients.settings(config(Map.of(
        BurnrateConfig.REGISTRY_USER_INFO, "svc:" + USER_INFO_SECRET)));

    assertThat(settings.sslContext()).isEmpty();
    assertThat(settings.basicAuthUserInfo()).hasValue("svc:" + USER_INFO_SECRET);
    assertThat(settings.toString()).contains("svc:****").doesNotContain(USER_INFO_SECRET);
  }

  @Test
  void aMissingTrustStoreNamesTheKeyAndThePath() {
    Path missing = dir.resolve("nowhere.p12");

    assertThatThrownBy(() -> RegistryClients.settings(config(Map.of(
            BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION, missing.toString(),
            BurnrateConfig.REGISTRY_TRUSTSTORE_PASSWORD, PASSWORD))))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
            .asString()
            .startsWith(BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION + ": truststore file " + missing + " does not exist")
            .doesNotContain(PASSWORD));
  }

  @Test
  void aWrongPasswordNamesTheFileButNotThePassword() throws Exception {
    Path store = emptyTrustStore("the-right-one");

    assertThatThrownBy(() -> RegistryClients.settings(config(Map.of(
            BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION, store.toString(),
            BurnrateConfig.REGISTRY_TRUSTSTORE_PASSWORD, PASSWORD,
            BurnrateConfig.REGISTRY_TRUSTSTORE_TYPE, "PKCS12"))))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
            .asString()
            .contains(BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION, store.toString(), "password")
            .doesNotContain(PASSWORD)
            .doesNotContain("the-right-one"));
  }

  @Test
  void aTrustStoreWithoutCertificatesOrOfAnUnknownTypeIsRefused() throws Exception {
    Path store = emptyTrustStore(PASSWORD);

    assertThatThrownBy(() -> RegistryClients.settings(config(Map.of(
            BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION, store.toString(),
            BurnrateConfig.REGISTRY_TRUSTSTORE_PASSWORD, PASSWORD,
            BurnrateConfig.REGISTRY_TRUSTSTORE_TYPE, "PKCS12"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("holds no certificate");
    assertThatThrownBy(() -> RegistryClients.settings(config(Map.of(
            BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION, store.toString(),
            BurnrateConfig.REGISTRY_TRUSTSTORE_TYPE, "PEMISH"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("truststore type 'PEMISH' is not known; use JKS or PKCS12");
  }

  @Test
  void malformedBasicAuthOrCredentialsInTheUrlAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> RegistryClients.settings(config(Map.of(
            BurnrateConfig.REGISTRY_USER_INFO, USER_INFO_SECRET))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("basic.auth.user.info: must be user:password")
        .message().doesNotContain(USER_INFO_SECRET);
    assertThatThrownBy(() -> RegistryClients.settings(config(Map.of(
            BurnrateConfig.REGISTRY_URL, "https://svc:" + USER_INFO_SECRET + "@registry:8081"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("must not carry credentials")
        .message().doesNotContain(USER_INFO_SECRET);
  }
}
