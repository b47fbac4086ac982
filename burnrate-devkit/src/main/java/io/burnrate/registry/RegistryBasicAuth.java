package io.burnrate.registry;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP Basic authentication for the embedded registry: a request without credentials, or with an
 * unknown user or a wrong password, gets 401 with {@code WWW-Authenticate: Basic realm="..."}.
 * Passwords are compared in constant time and never logged.
 */
final class RegistryBasicAuth extends BasicAuthenticator {
  static final String REALM = "schema-registry";

  private final Map<String, byte[]> passwords;

  /** @param passwordsByUser user name to password; neither may be empty, nor a user contain ':' */
  RegistryBasicAuth(Map<String, String> passwordsByUser) {
    super(REALM, StandardCharsets.UTF_8);
    if (passwordsByUser == null || passwordsByUser.isEmpty()) {
      throw new IllegalArgumentException("basic auth needs at least one user and password");
    }
    Map<String, byte[]> copy = new HashMap<>();
    passwordsByUser.forEach((user, password) -> {
      if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "basic auth user names must be non-empty and without ':', got '" + user + "'");
      }
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("basic auth user '" + user + "' has an empty password");
      }
      copy.put(user, password.getBytes(StandardCharsets.UTF_8));
    });
    this.passwords = Map.copyOf(copy);
  }

  /**
   * As the JDK's, except that every refusal carries the challenge (the JDK's has none for another
   * scheme) and a header that is not valid Base64 is a 401 rather than a dropped connection.
   */
  @Override
  public Result authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    Result result = basic && !decodable(header.substring(6).trim()) ? new Retry(401) : super.authenticate(exchange);
    if (!(result instanceof Success)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + getRealm() + "\", charset=\"UTF-8\"");
    }
    return result;
  }

  private static boolean decodable(String base64) {
    try {
      Base64.getDecoder().decode(base64);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public boolean checkCredentials(String user, String password) {
    byte[] expected = passwords.get(user);
    byte[] given = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
    // Compare against something even for an unknown user, so that the timing says nothing.
    return MessageDigest.isEqual(expected == null ? new byte[given.length + 1] : expected, given)
        && expected != null;
  }
}
