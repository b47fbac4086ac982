package io.burnrate.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The embedded registry's server side of TLS: its key and certificate from a keystore file. */
public final class RegistryTls {
  private RegistryTls() {}

  /**
   * A server {@link SSLContext} from a keystore holding one private key and its certificate chain.
   *
   * @param keystore a PKCS12 or JKS file
   * @param password the keystore's password, also the key's
   * @param type {@code PKCS12} or {@code JKS}
   * @throws IllegalArgumentException naming the file and the reason (never the password)
   */
  public static SSLContext serverContext(Path keystore, char[] password, String type) {
    if (keystore == null || !Files.isReadable(keystore)) {
      throw new IllegalArgumentException("registry keystore " + keystore + " does not exist or is not readable");
    }
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore keys = KeyStore.getInstance(type);
      keys.load(in, password);
      KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(managers.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("registry keystore " + keystore + " (type " + type
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
