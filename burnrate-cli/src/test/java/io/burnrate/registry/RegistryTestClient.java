package io.burnrate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP calls to a registry, as Confluent's clients make them, for tests. */
final class RegistryTestClient {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  /** A reply: status, content type, raw body, and the body as JSON (missing when it is none). */
  record Reply(int status, String contentType, String body, JsonNode json) {

    int errorCode() {
      return json.path("error_code").asInt();
    }

    String message() {
      return json.path("message").asText();
    }

    int id() {
      return json.path("id").asInt();
    }
  }

  RegistryTestClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String schemaBody(String schema) {
    return MAPPER.createObjectNode().put("schema", schema).toString();
  }

  Reply register(String subject, String schema) {
    return post("/subjects/" + subject + "/versions", schemaBody(schema));
  }

  CompletableFuture<Reply> registerAsync(String subject, String schema) {
    return http.sendAsync(
            request("/subjects/" + subject + "/versions", "POST", schemaBody(schema)),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(RegistryTestClient::reply);
  }

  Reply get(String path) {
    return send(request(path, "GET", null));
  }

  Reply post(String path, String body) {
    return send(request(path, "POST", body));
  }

  Reply put(String path, String body) {
    return send(request(path, "PUT", body));
  }

  Reply delete(String path) {
    return send(request(path, "DELETE", null));
  }

  Reply send(HttpRequest request) {
    try {
      return reply(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Request " + request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
    }
  }

  HttpRequest.Builder requestTo(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
  }

  private HttpRequest request(String path, String method, String body) {
    return requestTo(path)
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .header("Accept", "application/vnd.schemaregistry.v1+json")
        .method(
            method,
            body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static Reply reply(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = MAPPER.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        body == null ? MAPPER.missingNode() : body);
  }
}
