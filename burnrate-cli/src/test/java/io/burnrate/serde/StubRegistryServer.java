package io.burnrate.serde;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A scripted stand-in for a schema registry on 127.0.0.1: answers each request with the next
 * scripted answer (500 when none is left) and records what it was asked.
 */
public final class StubRegistryServer implements AutoCloseable {

  public record Answer(int status, String body, boolean hangs) {
    static Answer json(int status, String body) {
      return new Answer(status, body, false);
    }

    /** Never answers (until the server closes), so the client times out. */
    static Answer forever() {
      return new Answer(0, "", true);
    }
  }

  public record Request(
      String method, String rawPath, String contentType, String accept, String authorization, String body,
      String rawQuery) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private StubRegistryServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static StubRegistryServer http() throws IOException {
    return new StubRegistryServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static StubRegistryServer https(SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new StubRegistryServer(server);
  }

  public URI url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  public StubRegistryServer answer(int status, String body) {
    script.add(Answer.json(status, body));
    return this;
  }

  StubRegistryServer hang() {
    script.add(Answer.forever());
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Accept"),
          exchange.getRequestHeaders().getFirst("Authorization"),
          body,
          exchange.getRequestURI().getRawQuery()));
      Answer answer = script.poll();
      if (answer == null) {
        answer = Answer.json(500, "{\"error_code\":50001,\"message\":\"no scripted answer\"}");
      }
      if (answer.hangs()) {
        closing.await(30, TimeUnit.SECONDS);
        return;
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
