package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.burnrate.registry.StoreRecord.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent's Schema Registry REST API over {@link RegistryService}: routes, request bodies, JSON
 * responses and error bodies ({@code {"error_code": 40401, "message": "..."}}). Requests may be
 * sent as {@code application/vnd.schemaregistry.v1+json}, {@code application/json} or anything
 * else holding JSON; responses are {@code application/vnd.schemaregistry.v1+json}.
 */
final class RegistryHttpHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final RegistryService registry;
  private final ObjectMapper mapper = new ObjectMapper();

  RegistryHttpHandler(RegistryService registry) {
    this.registry = registry;
  }

  private record Request(String method, List<String> path, Map<String, String> query, byte[] body) {

    boolean flag(String name) {
      return "true".equalsIgnoreCase(query.get(name));
    }

    String segment(int index) {
      return path.get(index);
    }
  }

  private record Response(int status, byte[] body) {}

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String target = exchange.getRequestURI().getRawPath();
    Response response;
    try {
      response = dispatch(read(exchange));
    } catch (RegistryRefusal e) {
      if (e.status() >= 500) {
        log.error("{} {} failed: {}", method, target, e.getMessage(), e.getCause());
      } else {
        log.debug("{} {} refused ({}): {}", method, target, e.errorCode(), e.getMessage());
      }
      response = error(e.status(), e.errorCode(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("{} {} failed unexpectedly", method, target, e);
      response = error(500, 500, "Internal error while serving " + method + " " + target + ": " + e);
    }
    send(exchange, response);
  }

  private Request read(HttpExchange exchange) throws IOException {
    List<String> path = new ArrayList<>();
    for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
      path.add(decode(segment));
    }
    if (!path.isEmpty() && path.get(0).isEmpty()) {
      path.remove(0);
    }
    Map<String, String> query = new HashMap<>();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        query.put(decodeQuery(name), decodeQuery(value));
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new RegistryRefusal(
          413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes; schemas are far smaller");
    }
    return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path, query, body);
  }

  private static String decode(String pathSegment) {
    try {
      // In a path '+' is a plus sign, not a space as in a query.
      return URLDecoder.decode(pathSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RegistryRefusal(
          400, 400, "Malformed percent-encoding in path segment '" + pathSegment + "'");
    }
  }

  private static String decodeQuery(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RegistryRefusal(400, 400, "Malformed percent-encoding in query '" + text + "'");
    }
  }

  private Response dispatch(Request request) {
    List<String> path = request.path();
    if (path.isEmpty()) {
      return "GET".equals(request.method()) ? json(mapper.createObjectNode()) : methodNotAllowed();
    }
    return switch (path.get(0)) {
      case "subjects" -> subjects(request);
      case "schemas" -> schemas(request);
      case "config" -> config(request);
      case "compatibility" -> compatibility(request);
      default -> notFound();
    };
  }

  // /subjects, /subjects/{s}, /subjects/{s}/versions[/{v}[/schema]]
  private Response subjects(Request request) {
    List<String> path = request.path();
    String method = request.method();
    boolean deleted = request.flag("deleted");
    if (path.size() == 1) {
      return "GET".equals(method) ? json(strings(registry.subjects(deleted))) : methodNotAllowed();
    }
    String subject = request.segment(1);
    if (path.size() == 2) {
      return switch (method) {
        case "POST" -> json(versionJson(registry.lookup(subject, schemaRequest(request), deleted)));
        case "DELETE" -> json(ints(registry.deleteSubject(subject, request.flag("permanent"))));
        default -> methodNotAllowed();
      };
    }
    if (!request.segment(2).equals("versions")) {
      return notFound();
    }
    if (path.size() == 3) {
      return switch (method) {
        case "GET" -> json(ints(registry.versionNumbers(subject, deleted)));
        case "POST" -> {
          ObjectNode body = mapper.createObjectNode();
          body.put("id", registry.register(subject, schemaRequest(request)));
          yield json(body);
        }
        default -> methodNotAllowed();
      };
    }
    VersionRef version = VersionRef.parse(request.segment(3));
    if (path.size() == 4) {
      return switch (method) {
        case "GET" -> json(versionJson(registry.version(subject, version, deleted)));
        case "DELETE" -> json(mapper.getNodeFactory().numberNode(
            registry.deleteVersion(subject, version, request.flag("permanent"))));
        default -> methodNotAllowed();
      };
    }
    if (path.size() == 5 && request.segment(4).equals("schema")) {
      return "GET".equals(method)
          ? raw(registry.version(subject, version, deleted).schema())
          : methodNotAllowed();
    }
    return notFound();
  }

  // /schemas/types, /schemas/ids/{id}[/schema|/versions|/subjects]
  private Response schemas(Request request) {
    List<String> path = request.path();
    if (path.size() == 2 && request.segment(1).equals("types")) {
      return "GET".equals(request.method()) ? json(strings(List.of("AVRO"))) : methodNotAllowed();
    }
    if (path.size() < 3 || path.size() > 4 || !request.segment(1).equals("ids")) {
      return notFound();
    }
    if (!"GET".equals(request.method())) {
      return methodNotAllowed();
    }
    int id = schemaId(request.segment(2));
    if (path.size() == 3) {
      ObjectNode body = mapper.createObjectNode();
      body.put("schema", registry.schema(id));
      return json(body);
    }
    return switch (request.segment(3)) {
      case "schema" -> raw(registry.schema(id));
      case "versions" -> {
        ArrayNode body = mapper.createArrayNode();
        for (SchemaVersion version : registry.versionsWithId(id)) {
          body.addObject().put("subject", version.subject()).put("version", version.version());
        }
        yield json(body);
      }
      case "subjects" -> json(strings(
          registry.versionsWithId(id).stream().map(SchemaVersion::subject).distinct().toList()));
      default -> notFound();
    };
  }

  // /config, /config/{s}
  private Response config(Request request) {
    List<String> path = request.path();
    String method = request.method();
    if (path.size() == 1) {
      return switch (method) {
        case "GET" -> json(levelJson("compatibilityLevel", registry.globalLevel()));
        case "PUT" -> {
          CompatibilityLevel level = requestedLevel(request);
          registry.setGlobalLevel(level);
          yield json(levelJson("compatibility", level));
        }
        default -> methodNotAllowed();
      };
    }
    if (path.size() != 2) {
      return notFound();
    }
    String subject = request.segment(1);
    return switch (method) {
      case "GET" -> json(levelJson(
          "compatibilityLevel", registry.subjectLevel(subject, request.flag("defaultToGlobal"))));
      case "PUT" -> {
        CompatibilityLevel level = requestedLevel(request);
        registry.setSubjectLevel(subject, level);
        yield json(levelJson("compatibility", level));
      }
      case "DELETE" -> json(levelJson("compatibilityLevel", registry.deleteSubjectLevel(subject)));
      default -> methodNotAllowed();
    };
  }

  // /compatibility/subjects/{s}/versions[/{v}]
  private Response compatibility(Request request) {
    List<String> path = request.path();
    if (path.size() < 4 || path.size() > 5
        || !request.segment(1).equals("subjects") || !request.segment(3).equals("versions")) {
      return notFound();
    }
    if (!"POST".equals(request.method())) {
      return methodNotAllowed();
    }
    VersionRef version = path.size() == 5 ? VersionRef.parse(request.segment(4)) : null;
    RegistryService.CompatibilityResult result =
        registry.testCompatibility(request.segment(2), version, schemaRequest(request));
    ObjectNode body = mapper.createObjectNode();
    body.put("is_compatible", result.compatible());
    if (request.flag("verbose")) {
      body.set("messages", strings(result.messages()));
    }
    return json(body);
  }

  private SchemaRequest schemaRequest(Request request) {
    JsonNode body = bodyObject(request);
    String schema = textField(body, "schema");
    String schemaType = textField(body, "schemaType");
    JsonNode references = body.get("references");
    if (references != null && !references.isNull() && !references.isArray()) {
      throw unprocessable("Field 'references' must be an array, got " + references.getNodeType());
    }
    return new SchemaRequest(schema, schemaType, references != null && references.size() > 0);
  }

  private CompatibilityLevel requestedLevel(Request request) {
    JsonNode body = bodyObject(request);
    String name = textField(body, "compatibility");
    if (name == null) {
      name = textField(body, "compatibilityLevel");
    }
    if (name == null) {
      throw new RegistryRefusal(
          422,
          RegistryRefusal.INVALID_COMPATIBILITY_LEVEL,
          "No compatibility level given: send {\"compatibility\": \"BACKWARD\"}; valid values are "
              + CompatibilityLevel.allowedNames());
    }
    String given = name;
    return CompatibilityLevel.find(given)
        .orElseThrow(() -> RegistryRefusal.invalidCompatibilityLevel(given));
  }

  private JsonNode bodyObject(Request request) {
    if (request.body().length == 0) {
      throw unprocessable("The request needs a JSON object as its body");
    }
    JsonNode body;
    try {
      body = mapper.readTree(request.body());
    } catch (JsonProcessingException e) {
      throw new RegistryRefusal(400, 400, "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RegistryRefusal(400, 400, "The request body could not be read: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw unprocessable(
          "The request body must be a JSON object, got " + (body == null ? "nothing" : body.getNodeType()));
    }
    return body;
  }

  private static String textField(JsonNode body, String name) {
    JsonNode field = body.get(name);
    if (field == null || field.isNull()) {
      return null;
    }
    if (!field.isTextual()) {
      throw unprocessable(
          "Field '" + name + "' must be a string, got " + field.getNodeType()
              + ("schema".equals(name) ? " (the schema's JSON goes in as a string)" : ""));
    }
    return field.asText();
  }

  private static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryRefusal.schemaNotFound(text);
    }
  }

  private static RegistryRefusal unprocessable(String message) {
    return new RegistryRefusal(422, 422, message);
  }

  private ObjectNode versionJson(SchemaVersion version) {
    ObjectNode body = mapper.createObjectNode();
    body.put("subject", version.subject());
    body.put("version", version.version());
    body.put("id", version.id());
    body.put("schema", version.schema());
    return body;
  }

  private ObjectNode levelJson(String field, CompatibilityLevel level) {
    ObjectNode body = mapper.createObjectNode();
    body.put(field, level.name());
    return body;
  }

  private ArrayNode strings(List<String> values) {
    ArrayNode array = mapper.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private ArrayNode ints(List<Integer> values) {
    ArrayNode array = mapper.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private Response json(JsonNode body) {
    try {
      return new Response(200, mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write a JSON response", e);
    }
  }

  private static Response raw(String schema) {
    return new Response(200, schema.getBytes(StandardCharsets.UTF_8));
  }

  private Response notFound() {
    return error(404, 404, "HTTP 404 Not Found");
  }

  private Response methodNotAllowed() {
    return error(405, 405, "HTTP 405 Method Not Allowed");
  }

  private Response error(int status, int errorCode, String message) {
    ObjectNode body = mapper.createObjectNode();
    body.put("error_code", errorCode);
    body.put("message", message);
    try {
      return new Response(status, mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write an error response", e);
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
    exchange.close();
  }
}
