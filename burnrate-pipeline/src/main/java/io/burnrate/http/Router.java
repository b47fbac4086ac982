package io.burnrate.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes GET requests by path pattern ({@code /endpoints/{id}/today}) to handlers, checks that only
 * known query parameters are given, and turns problems into JSON errors: 400 for a bad parameter,
 * 404 for an unknown path, 405 for another method, 503 while state stores cannot be read.
 */
final class Router implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Router.class);

  /** Answers one routed request. */
  @FunctionalInterface
  interface Handler {
    HttpReply handle(ApiRequest request);
  }

  private record Route(List<String> pattern, Set<String> parameters, Handler handler) {
    Map<String, String> match(List<String> segments) {
      if (segments.size() != pattern.size()) {
        return null;
      }
      Map<String, String> captured = new LinkedHashMap<>();
      for (int i = 0; i < pattern.size(); i++) {
        String part = pattern.get(i);
        if (part.startsWith("{") && part.endsWith("}")) {
          captured.put(part.substring(1, part.length() - 1), segments.get(i));
        } else if (!part.equals(segments.get(i))) {
          return null;
        }
      }
      return captured;
    }
  }

  private final List<Route> routes = new ArrayList<>();

  /** Adds a GET route; {@code parameters} are the query parameters it accepts (others are a 400). */
  Router get(String pattern, Set<String> parameters, Handler handler) {
    List<String> parts = new ArrayList<>();
    for (String part : pattern.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    routes.add(new Route(List.copyOf(parts), Set.copyOf(parameters), handler));
    return this;
  }

  Router get(String pattern, Handler handler) {
    return get(pattern, Set.of(), handler);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    try (exchange) {
      HttpReply reply = route(method, exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders().getFirst(ApiRequest.FORWARDED_BY));
      send(exchange, reply, "HEAD".equals(method));
    }
  }

  /** Answers a request given by its parts (the HTTP exchange aside, so tests need no socket). */
  HttpReply route(String method, String rawPath, String rawQuery, String forwardedBy) {
    String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    try {
      ApiRequest request = ApiRequest.parse(method, rawPath, rawQuery, forwardedBy);
      for (Route route : routes) {
        Map<String, String> captured = route.match(request.segments());
        if (captured == null) {
          continue;
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
          throw HttpProblem.methodNotAllowed(method, rawPath);
        }
        checkParameters(route, request);
        return route.handler().handle(request.withPathParams(captured));
      }
      throw HttpProblem.notFound("no such resource: " + rawPath + "; try /metrics, /health/live, /health/ready, "
          + "/endpoints/{id}/hourly, /endpoints/{id}/today or /alerts/active");
    } catch (HttpProblem problem) {
      log.debug("{} {} -> {}: {}", method, target, problem.status(), problem.getMessage());
      HttpReply reply = problem.reply();
      return problem.status() == 405 ? reply.withHeader("Allow", "GET, HEAD") : reply;
    } catch (InvalidStateStoreException e) {
      log.debug("{} {}: state stores not readable: {}", method, target, e.getMessage());
      return HttpProblem.unavailable("state stores cannot be read right now (" + e.getMessage()
          + "); Kafka Streams is probably rebalancing, try again shortly", null).reply();
    } catch (RuntimeException e) {
      log.error("{} {} failed", method, target, e);
      return HttpReply.json(500, Map.of("status", 500, "error", "internal error serving " + target + ": " + e));
    }
  }

  private static void checkParameters(Route route, ApiRequest request) {
    for (String name : request.query().keySet()) {
      if (!route.parameters().contains(name)) {
        String allowed = route.parameters().isEmpty() ? "none" : String.join(", ", new TreeSet<>(route.parameters()));
        throw HttpProblem.badParameter(name, "unknown parameter '" + name + "'; allowed here: " + allowed);
      }
    }
  }

  private static void send(HttpExchange exchange, HttpReply reply, boolean headOnly) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    if (headOnly || reply.body().length == 0) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(reply.status(), reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }
}
