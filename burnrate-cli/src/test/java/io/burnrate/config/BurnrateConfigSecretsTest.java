package io.burnrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Printing the settings never prints a secret; the registry's keys are documented. */
class BurnrateConfigSecretsTest {
  private static final String SECRET = "s3cret-value-9c2b";

  @ParameterizedTest
  @ValueSource(strings = {
      "sasl.jaas.config", "ssl.truststore.password", "ssl.keystore.password", "ssl.key.password", "ssl.keystore.key",
      "schema.registry.basic.auth.user.info", "schema.registry.ssl.truststore.password",
      "sasl.oauthbearer.client.credentials.client.secret", "basic.auth.user.info"})
  void secretKeysAreShownHidden(String key) {
    BurnrateConfig config = BurnrateConfig.of(Map.of(key, SECRET));

    assertThat(BurnrateConfig.isSecret(key)).isTrue();
    assertThat(config.toString()).contains(key + "=" + BurnrateConfig.HIDDEN).doesNotContain(SECRET);
    assertThat(config.describe()).contains(key + " = " + BurnrateConfig.HIDDEN).doesNotContain(SECRET);
  }

  @Test
  void otherKeysAreShownAsTheyAre() {
    BurnrateConfig config = BurnrateConfig.of(Map.of(
        "security.protocol", "SASL_SSL", "ssl.truststore.location", "/etc/kafka/trust.p12",
        BurnrateConfig.REGISTRY_TRUSTSTORE_TYPE, "PKCS12"));

    assertThat(config.toString()).contains("security.protocol=SASL_SSL", "ssl.truststore.location=/etc/kafka/trust.p12",
        BurnrateConfig.REGISTRY_TRUSTSTORE_TYPE + "=PKCS12", BurnrateConfig.DRY_RUN + "=false");
    assertThat(config.registryTrustStoreType()).isEqualTo("PKCS12");
    assertThat(config.registryTrustStoreLocation()).isNull();
  }

  @Test
  void theRegistryKeysAreDocumentedWithoutValues() {
    assertThat(BurnrateConfig.documentation()).contains(
        BurnrateConfig.REGISTRY_URL, BurnrateConfig.REGISTRY_USER_INFO, BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION,
        BurnrateConfig.REGISTRY_TRUSTSTORE_PASSWORD, BurnrateConfig.REGISTRY_TRUSTSTORE_TYPE);
  }

  @Test
  void registrySecretsAreKeptFromKafkaClients() {
    BurnrateConfig config = BurnrateConfig.of(Map.of(BurnrateConfig.REGISTRY_TRUSTSTORE_PASSWORD, SECRET,
        BurnrateConfig.REGISTRY_USER_INFO, "u:" + SECRET));

    assertThat(config.kafkaProperties().values()).doesNotContain(SECRET, "u:" + SECRET);
  }
}
