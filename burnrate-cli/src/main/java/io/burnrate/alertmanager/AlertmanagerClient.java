package io.burnrate.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Posts alerts to Alertmanager's {@code POST /api/v2/alerts} with the JDK's HTTP client. The base URL
 * may carry a path prefix ({@code http://host:9093/alertmanager}) and {@code user:password@} for basic
 * auth; the password is sent in a header and never shown ({@link #redactedUrl()}).
 */
public final class AlertmanagerClient implements AlertPoster {
  static final String ALERTS_PATH = "/api/v2/alerts";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI alertsUri;
  private final String authorization;
  private final String redactedUrl;
  private final Duration requestTimeout;

  /**
   * @param baseUrl Alertmanager's address, e.g. {@code http://127.0.0.1:9093}
   * @param requestTimeout how long one request may take before it counts as failed (and is retried)
   * @throws IllegalArgumentException if {@code baseUrl} is no http(s) URL with a host
   */
  public AlertmanagerClient(String baseUrl, Duration requestTimeout) {
    URI base = parse(baseUrl);
    this.redactedUrl = redact(base);
    this.authorization = base.getRawUserInfo() == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(
            java.net.URLDecoder.decode(base.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    this.alertsUri = withoutUserInfo(base, stripSlash(base.getRawPath()) + ALERTS_PATH);
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder()
        .connectTimeout(requestTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The base URL without credentials, for logs and messages. */
  public String redactedUrl() {
    return redactedUrl;
  }

  @Override
  public Answer post(List<AlertmanagerAlert> alerts) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(alertsUri)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(alerts)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  static byte[] body(List<AlertmanagerAlert> alerts) {
    List<Map<String, Object>> array = new ArrayList<>(alerts.size());
    for (AlertmanagerAlert alert : alerts) {
      array.add(alert.toJson());
    }
    try {
      return JSON.writeValueAsBytes(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write alerts as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException if {@code baseUrl} is no http(s) base URL with a host; the message
   *     says what to give
   */
  public static void checkUrl(String baseUrl) {
    parse(baseUrl);
  }

  private static URI parse(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("the Alertmanager URL is empty; give its address, e.g. http://127.0.0.1:9093");
    }
    URI uri;
    try {
      uri = new URI(baseUrl.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the Alertmanager URL '" + baseUrl + "' is not a URL: " + e.getMessage()
          + "; give its address, e.g. http://127.0.0.1:9093", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("the Alertmanager URL '" + redact(uri)
          + "' must be http:// or https:// with a host, e.g. http://127.0.0.1:9093");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("the Alertmanager URL '" + redact(uri)
          + "' must have no query or fragment; give the base address, e.g. http://127.0.0.1:9093");
    }
    return uri;
  }

  private static String redact(URI uri) {
    return withoutUserInfo(uri, uri.getRawPath()).toString();
  }

  private static URI withoutUserInfo(URI uri, String rawPath) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = rawPath == null ? "" : rawPath;
    return URI.create(uri.getScheme() + "://" + uri.getHost() + port + path);
  }

  private static String stripSlash(String path) {
    if (path == null) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
