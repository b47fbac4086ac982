package io.burnrate.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small HTTP client for tests: GET a path of one server, read the status, a header, the JSON. */
final class Client {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  Client(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** One answer. */
  record Reply(int status, String contentType, String servedBy, String body) {
    Map<String, Object> json() {
      try {
        return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON object (status " + status + "): " + body, e);
      }
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String field) {
      return (List<Map<String, Object>>) json().get(field);
    }
  }

  Reply get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET());
  }

  Reply send(String method, String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue(ApiRequest.SERVED_BY).orElse(null), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
