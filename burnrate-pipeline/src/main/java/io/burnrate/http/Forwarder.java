package io.burnrate.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/** Sends a request on to the instance that owns the data, marked as forwarded so it goes no further. */
final class Forwarder {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /**
   * GETs {@code rawTarget} (path and query) from {@code owner} and returns its answer as it is.
   *
   * @throws HttpProblem 503 when the owner does not answer in time
   */
  HttpReply get(HostInfo owner, String rawTarget, HostInfo self, String why) {
    URI uri = URI.create("http://" + address(owner) + rawTarget);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header(ApiRequest.FORWARDED_BY, address(self))
        .GET()
        .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      String contentType = response.headers().firstValue("Content-Type").orElse(HttpReply.JSON);
      HttpReply reply = new HttpReply(response.statusCode(), contentType, response.body(), Map.of());
      for (String header : new String[] {ApiRequest.SERVED_BY, "Retry-After"}) {
        String value = response.headers().firstValue(header).orElse(null);
        if (value != null) {
          reply = reply.withHeader(header, value);
        }
      }
      return reply;
    } catch (IOException e) {
      throw HttpProblem.unavailable("instance " + address(owner) + ", which holds " + why + ", did not answer ("
          + e + "); it may be restarting, try again shortly", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HttpProblem.unavailable("interrupted while asking instance " + address(owner) + " for " + why, null);
    }
  }

  static String address(HostInfo host) {
    String name = host.host().contains(":") ? "[" + host.host() + "]" : host.host();
    return name + ":" + host.port();
  }
}
