package io.burnrate.registry;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking Confluent's REST API, for AVRO schemas, so that Confluent's clients
 * and Burnrate's own serdes can use it where no other registry runs (the demo, the tests). Schemas
 * live in a {@link SchemaStore}: by default the compacted Kafka topic {@code _schemas}, so that
 * every id resolves to the same schema after a restart of the registry or of the broker.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry =
 *     new EmbeddedSchemaRegistry("127.0.0.1:9092", "127.0.0.1", 0).start()) {
 *   String url = registry.url(); // e.g. http://127.0.0.1:41873
 * }
 * }</pre>
 *
 * <p>Optionally it serves HTTPS and requires HTTP Basic credentials, set before {@link #start()}:
 *
 * <pre>{@code
 * new EmbeddedSchemaRegistry(bootstrap, "127.0.0.1", 0)
 *     .withHttps(RegistryTls.serverContext(keystore, password, "PKCS12"))
 *     .withBasicAuth(Map.of("burnrate", registryPassword))
 *     .start();
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  /** The address the registry listens on unless told otherwise: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  private static final int HTTP_THREADS = 4;

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK, about 40 ms per request. Read once, when
    // the JVM's first HttpServer starts; a value set by the user is kept.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SchemaStore store;
  private final String host;
  private final int requestedPort;
  private SSLContext tls;
  private RegistryBasicAuth basicAuth;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * A registry storing its schemas in the topic {@code TopicNames.DEFAULTS.schemas()} of the given
   * cluster, waiting up to {@link KafkaSchemaStore#DEFAULT_TIMEOUT} for it at start.
   *
   * @param bootstrapServers the Kafka cluster, e.g. {@code 127.0.0.1:9092}
   * @param host the address to listen on, e.g. {@link #DEFAULT_HOST}
   * @param port the port to listen on; 0 picks a free one (see {@link #port()})
   */
  public EmbeddedSchemaRegistry(String bootstrapServers, String host, int port) {
    this(new KafkaSchemaStore(bootstrapServers), host, port);
  }

  /**
   * A registry on the given store, which it closes when it is closed. Use {@link
   * InMemorySchemaStore} for tests, or a {@link KafkaSchemaStore} with another topic or timeout.
   */
  public EmbeddedSchemaRegistry(SchemaStore store, String host, int port) {
    if (store == null) {
      throw new IllegalArgumentException(
          "store is null: give a SchemaStore, e.g. new InMemorySchemaStore()");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "host is empty: give the address to listen on, e.g. " + DEFAULT_HOST);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port must be within 0..65535 (0 picks a free one), got " + port);
    }
    this.store = store;
    this.host = host;
    this.requestedPort = port;
  }

  /** A registry on a fresh in-memory store, listening on a free loopback port, for tests. */
  public static EmbeddedSchemaRegistry inMemory() {
    return new EmbeddedSchemaRegistry(new InMemorySchemaStore(), DEFAULT_HOST, 0);
  }

  /** Serves HTTPS with this server context (see {@link RegistryTls#serverContext}) instead of HTTP. */
  public synchronized EmbeddedSchemaRegistry withHttps(SSLContext serverContext) {
    requireNotStarted("HTTPS");
    this.tls = Objects.requireNonNull(serverContext, "serverContext");
    return this;
  }

  /**
   * Requires HTTP Basic credentials on every request: 401 with {@code WWW-Authenticate} when they
   * are missing or wrong.
   *
   * @param passwordsByUser user name to password, e.g. {@code Map.of("burnrate", "secret")}
   */
  public synchronized EmbeddedSchemaRegistry withBasicAuth(Map<String, String> passwordsByUser) {
    requireNotStarted("basic auth");
    this.basicAuth = new RegistryBasicAuth(passwordsByUser);
    return this;
  }

  private void requireNotStarted(String what) {
    if (server != null) {
      throw new IllegalStateException("Set " + what + " before start(): the registry already runs at " + url());
    }
  }

  /**
   * Loads the store and starts serving. Returns once the registry answers requests.
   *
   * @throws SchemaStoreException if the store cannot be loaded in time (the message names the
   *     Kafka address); the store is then closed
   * @throws UncheckedIOException if the address cannot be listened on
   */
  public synchronized EmbeddedSchemaRegistry start() {
    if (server != null) {
      throw new IllegalStateException("The schema registry is already running at " + url());
    }
    try {
      RegistryService registry = new RegistryService(store);
      registry.load();
      HttpServer http = createServer();
      executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
      http.setExecutor(executor);
      HttpContext context = http.createContext("/", new RegistryHttpHandler(registry));
      if (basicAuth != null) {
        context.setAuthenticator(basicAuth);
      }
      http.start();
      server = http;
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException(
          "The schema registry could not listen on " + host + ":" + requestedPort + ": " + e.getMessage()
              + (requestedPort == 0 ? "" : " (is the port in use? 0 picks a free one)"),
          e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    log.info("Schema registry listening on {}{}, schemas in {}", url(),
        basicAuth == null ? "" : " (basic auth required)", store.description());
    return this;
  }

  private HttpServer createServer() throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, requestedPort);
    if (tls == null) {
      return HttpServer.create(address, 0);
    }
    HttpsServer https = HttpsServer.create(address, 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    return https;
  }

  /** The base URL of the running registry, e.g. {@code http://127.0.0.1:8081} (https with TLS). */
  public String url() {
    String address = host.contains(":") ? "[" + host + "]" : host;
    return (tls == null ? "http://" : "https://") + address + ":" + port();
  }

  /** The port the running registry listens on (the one picked when 0 was asked for). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("The schema registry is not running: call start() first");
    }
    return server.getAddress().getPort();
  }

  /** Stops serving and closes the store. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
      executor.shutdownNow();
      try {
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
          log.warn("Schema registry request threads still busy 5 s after close");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      store.close();
      log.info("Schema registry stopped");
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
