package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.InvalidConfigException;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.RegistryTrustStore;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The registry client every command uses, from the {@code schema.registry.*} settings: the URLs,
 * {@code basic.auth.user.info} and the truststore for https. A bad setting is an {@link
 * InvalidConfigException} naming the key and, for files, the path; never a password.
 */
final class RegistryClients {
  private RegistryClients() {}

  static SchemaRegistryClient fromConfig(BurnrateConfig config) {
    return new HttpSchemaRegistryClient(settings(config));
  }

  static RegistryClientSettings settings(BurnrateConfig config) {
    RegistryClientSettings settings;
    try {
      settings = RegistryClientSettings.forUrls(config.registryUrl());
      if (config.registryUserInfo() != null) {
        settings = settings.withBasicAuth(config.registryUserInfo());
      }
    } catch (IllegalArgumentException e) {
      // The settings' messages name the field and never show credentials.
      throw new InvalidConfigException(List.of(e.getMessage()));
    }
    String location = config.registryTrustStoreLocation();
    if (location == null) {
      return settings;
    }
    Path file;
    try {
      file = Path.of(location);
    } catch (InvalidPathException e) {
      throw new InvalidConfigException(List.of(
          BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION + ": '" + location + "' is not a file path (" + e.getReason() + ")"));
    }
    String password = config.registryTrustStorePassword();
    try {
      return settings.withSslContext(RegistryTrustStore.sslContext(
          file, password == null ? null : password.toCharArray(), config.registryTrustStoreType()));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(List.of(BurnrateConfig.REGISTRY_TRUSTSTORE_LOCATION + ": " + e.getMessage()
          + " (also see " + BurnrateConfig.REGISTRY_TRUSTSTORE_PASSWORD + " and "
          + BurnrateConfig.REGISTRY_TRUSTSTORE_TYPE + ")"));
    }
  }
}
