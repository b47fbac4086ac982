package io.burnrate.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How {@link HttpSchemaRegistryClient} reaches the registry. Built once and validated: every
 * problem is reported together. {@link #toString()} never shows the password.
 *
 * @param urls base URLs of the registry (tried in turn when one fails), http or https
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time for one request to be answered
 * @param maxAttempts attempts per call (1 = no retry) on connection errors, timeouts and 5xx
 * @param initialBackoff pause before the first retry; doubled for each further one
 * @param maxBackoff upper bound of one pause
 * @param maxRetryTime no retry starts after this much time spent on a call
 * @param basicAuthUserInfo {@code user:password} sent as HTTP Basic ({@code basic.auth.user.info})
 * @param sslContext TLS settings for https URLs; the JDK default when empty
 */
public record RegistryClientSettings(
    List<URI> urls,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryTime,
    Optional<String> basicAuthUserInfo,
    Optional<SSLContext> sslContext) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
  public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofSeconds(30);

  public RegistryClientSettings {
    List<String> problems = new ArrayList<>();
    if (urls == null || urls.isEmpty()) {
      problems.add("urls: at least one registry URL is required, e.g. http://localhost:8081");
      urls = List.of();
    } else {
      urls = urls.stream().map(RegistryClientSettings::withoutTrailingSlash).toList();
      urls.forEach(url -> checkUrl(url, problems));
    }
    requirePositive("connectTimeout", connectTimeout, problems);
    requirePositive("requestTimeout", requestTimeout, problems);
    if (maxAttempts < 1) {
      problems.add("maxAttempts: " + maxAttempts + ", must be at least 1");
    }
    requireNotNegative("initialBackoff", initialBackoff, problems);
    requireNotNegative("maxBackoff", maxBackoff, problems);
    requireNotNegative("maxRetryTime", maxRetryTime, problems);
    basicAuthUserInfo = Objects.requireNonNullElse(basicAuthUserInfo, Optional.empty());
    sslContext = Objects.requireNonNullElse(sslContext, Optional.empty());
    basicAuthUserInfo.ifPresent(
        userInfo -> {
          if (userInfo.indexOf(':') <= 0) {
            problems.add("basic.auth.user.info: must be user:password (value not shown)");
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid schema registry client settings: " + String.join("; ", problems));
    }
  }

  /** Settings with the defaults for one or more comma-separated base URLs. */
  public static RegistryClientSettings forUrls(String commaSeparatedUrls) {
    Objects.requireNonNull(commaSeparatedUrls, "registry URLs");
    List<URI> urls = new ArrayList<>();
    List<String> entries = Arrays.stream(commaSeparatedUrls.split(",")).map(String::trim).toList();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).isEmpty()) {
        continue;
      }
      try {
        urls.add(new URI(entries.get(i)));
      } catch (URISyntaxException e) {
        // The reason only: the input itself may hold credentials.
        throw new IllegalArgumentException(
            "invalid schema registry client settings: urls: entry " + (i + 1) + " is not a URL ("
                + e.getReason() + ")");
      }
    }
    return new RegistryClientSettings(
        urls, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_RETRY_TIME,
        Optional.empty(), Optional.empty());
  }

  public RegistryClientSettings withTimeouts(Duration connect, Duration request) {
    return new RegistryClientSettings(
        urls, connect, request, maxAttempts, initialBackoff, maxBackoff, maxRetryTime,
        basicAuthUserInfo, sslContext);
  }

  public RegistryClientSettings withRetries(
      int attempts, Duration initial, Duration max, Duration totalTime) {
    return new RegistryClientSettings(
        urls, connectTimeout, requestTimeout, attempts, initial, max, totalTime,
        basicAuthUserInfo, sslContext);
  }

  /** HTTP Basic credentials as {@code user:password}, the form of Confluent's {@code basic.auth.user.info}. */
  public RegistryClientSettings withBasicAuth(String userInfo) {
    return new RegistryClientSettings(
        urls, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
        maxRetryTime, Optional.of(userInfo), sslContext);
  }

  public RegistryClientSettings withSslContext(SSLContext context) {
    return new RegistryClientSettings(
        urls, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
        maxRetryTime, basicAuthUserInfo, Optional.of(context));
  }

  @Override
  public String toString() {
    return "RegistryClientSettings[urls=" + urls
        + ", connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout
        + ", maxAttempts=" + maxAttempts
        + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff
        + ", maxRetryTime=" + maxRetryTime
        + ", basicAuth=" + basicAuthUserInfo.map(RegistryClientSettings::maskPassword).orElse("none")
        + ", sslContext=" + sslContext.map(c -> c.getProtocol()).orElse("JDK default")
        + "]";
  }

  private static String maskPassword(String userInfo) {
    int colon = userInfo.indexOf(':');
    return (colon < 0 ? userInfo : userInfo.substring(0, colon)) + ":****";
  }

  private static URI withoutTrailingSlash(URI url) {
    String text = url.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
  }

  private static void checkUrl(URI url, List<String> problems) {
    if (url.getRawUserInfo() != null || url.getRawAuthority() != null && url.getRawAuthority().contains("@")) {
      problems.add("urls: a URL must not carry credentials; set basic.auth.user.info instead (URL not shown)");
      return;
    }
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      problems.add("urls: '" + url + "' must start with http:// or https://");
      return;
    }
    if (url.getHost() == null) {
      problems.add("urls: '" + url + "' has no host");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      problems.add("urls: '" + url + "' must be a base URL without query or fragment");
    }
  }

  private static void requirePositive(String name, Duration value, List<String> problems) {
    if (value == null || value.isZero() || value.isNegative()) {
      problems.add(name + ": " + value + ", must be a positive duration");
    }
  }

  private static void requireNotNegative(String name, Duration value, List<String> problems) {
    if (value == null || value.isNegative()) {
      problems.add(name + ": " + value + ", must be zero or positive");
    }
  }
}
