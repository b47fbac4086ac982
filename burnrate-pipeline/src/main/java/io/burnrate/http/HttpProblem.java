package io.burnrate.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request that cannot be answered as asked: becomes a JSON error with its status. */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final Map<String, Object> details;

  private HttpProblem(int status, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.details = details;
  }

  /** 400 naming the query or path parameter at fault. */
  static HttpProblem badParameter(String parameter, String message) {
    return new HttpProblem(400, message, Map.of("parameter", parameter));
  }

  static HttpProblem notFound(String message) {
    return new HttpProblem(404, message, Map.of());
  }

  static HttpProblem methodNotAllowed(String method, String path) {
    return new HttpProblem(405, method + " is not supported on " + path + "; use GET", Map.of());
  }

  /** 503: try again shortly (Kafka Streams not running yet, rebalancing, or a peer not answering). */
  static HttpProblem unavailable(String message, String state) {
    return new HttpProblem(503, message, state == null ? Map.of() : Map.of("state", state));
  }

  int status() {
    return status;
  }

  HttpReply reply() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", getMessage());
    body.putAll(details);
    HttpReply reply = HttpReply.json(status, body);
    return status == 503 ? reply.withHeader("Retry-After", "1") : reply;
  }
}
