package io.burnrate.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Stand-in with the embedded registry's API until the real one is merged: answers GET /subjects with []. */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  private final String host;
  private final int port;
  private HttpServer server;

  public EmbeddedSchemaRegistry(String bootstrapServers, String host, int port) {
    this.host = host;
    this.port = port;
  }

  public EmbeddedSchemaRegistry start() {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
    server.createContext("/subjects", exchange -> {
      byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return this;
  }

  public String url() {
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }
}
