package io.burnrate.http;

import io.burnrate.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response: status, content type, body and extra headers. */
record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";
  private static final JsonSerde<Object> WRITER = new JsonSerde<>(Object.class);

  HttpReply {
    headers = Map.copyOf(headers);
  }

  static HttpReply json(int status, Object value) {
    return new HttpReply(status, JSON, WRITER.serializer().serialize(null, value), Map.of());
  }

  static HttpReply text(int status, String contentType, String body) {
    return new HttpReply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  HttpReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, contentType, body, more);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
