package io.burnrate.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates an https registry is trusted by, from a truststore file (Confluent's {@code
 * ssl.truststore.location}, {@code .password}, {@code .type}), as an {@link SSLContext} for {@link
 * RegistryClientSettings#withSslContext}. Messages name the file and the reason, never the password.
 */
public final class RegistryTrustStore {
  /** Confluent's and Kafka's default truststore type; the JDK also reads PKCS12 files with it. */
  public static final String DEFAULT_TYPE = "JKS";

  private RegistryTrustStore() {}

  /**
   * @param location the truststore file
   * @param password its password, or null when it has none (its certificates are then not checked
   *     for integrity)
   * @param type {@code JKS} or {@code PKCS12}; null for {@link #DEFAULT_TYPE}
   * @throws IllegalArgumentException when the file is missing, unreadable, of another type, or the
   *     password does not open it
   */
  public static SSLContext sslContext(Path location, char[] password, String type) {
    String storeType = type == null || type.isBlank() ? DEFAULT_TYPE : type.trim();
    if (location == null) {
      throw new IllegalArgumentException("no truststore file given");
    }
    if (!Files.isRegularFile(location)) {
      throw new IllegalArgumentException("truststore file " + location + " does not exist");
    }
    if (!Files.isReadable(location)) {
      throw new IllegalArgumentException("truststore file " + location + " is not readable by this user");
    }
    KeyStore trusted;
    try {
      trusted = KeyStore.getInstance(storeType);
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("truststore type '" + storeType + "' is not known; use JKS or PKCS12", e);
    }
    try (InputStream in = Files.newInputStream(location)) {
      trusted.load(in, password);
      if (trusted.size() == 0) {
        throw new IllegalArgumentException("truststore file " + location + " holds no certificate");
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("truststore file " + location + " (type " + storeType
          + ") cannot be loaded: " + reason(e) + "; check the file, its type and its password", e);
    }
  }

  private static String reason(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
