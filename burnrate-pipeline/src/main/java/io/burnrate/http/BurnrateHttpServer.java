package io.burnrate.http;

import com.sun.net.httpserver.HttpServer;
import io.burnrate.engine.PipelineSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Burnrate's HTTP endpoint, on the JDK's built-in server with a fixed pool of request threads:
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format of the given registry;
 *   <li>{@code GET /health/live}, {@code GET /health/ready}: probes, JSON {@code {"status","state"}};
 *   <li>{@code GET /endpoints/{id}/hourly?from=&to=}, {@code GET /endpoints/{id}/today},
 *       {@code GET /alerts/active}: interactive queries, answered from any instance.
 * </ul>
 *
 * It starts before Kafka Streams (so that its port can be Kafka Streams' {@code application.server})
 * and answers queries with 503 until {@link #attach} is called and Kafka Streams is RUNNING:
 *
 * <pre>{@code
 * try (BurnrateHttpServer http = new BurnrateHttpServer("127.0.0.1", 8080, meters, config.pipeline()).start()) {
 *   props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.advertisedAddress());
 *   KafkaStreams streams = new KafkaStreams(topology, props);
 *   streams.setStateListener((now, before) -> http.onStreamsState(now));
 *   http.attach(streams, HostInfo.buildFromEndpoint(http.advertisedAddress()));
 *   streams.start();
 * }
 * }</pre>
 */
public final class BurnrateHttpServer implements AutoCloseable {

  /** The address the server binds unless told otherwise: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(BurnrateHttpServer.class);
  /** Request threads. Forwarding to a peer holds one for up to {@link Forwarder#REQUEST_TIMEOUT}. */
  private static final int HTTP_THREADS = 8;

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body then waits
    // for the client's delayed ACK (about 40 ms). Read once, when the JVM's first HttpServer starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final String host;
  private final int requestedPort;
  private final PrometheusMeterRegistry meters;
  private final ActiveAlertsGauge activeAlerts;
  private final HealthRoutes health;
  private final Router router;
  private volatile StreamsAccess access;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param host the address to bind, e.g. {@link #DEFAULT_HOST}; {@code 0.0.0.0} for every interface
   * @param port the port to bind; 0 picks a free one (see {@link #port()})
   * @param meters the registry {@code /metrics} shows; the active-alerts gauge is registered in it
   * @param pipeline the engine's settings, for the endpoint defaults the queries resolve
   */
  public BurnrateHttpServer(String host, int port, PrometheusMeterRegistry meters, PipelineSettings pipeline) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("HTTP host is empty: give the address to bind, e.g. " + DEFAULT_HOST);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("HTTP port must be within 0..65535 (0 picks a free one), got " + port);
    }
    this.host = host;
    this.requestedPort = port;
    this.meters = meters;
    this.activeAlerts = new ActiveAlertsGauge(meters);
    this.health = new HealthRoutes(() -> access);
    QueryRoutes queries = new QueryRoutes(() -> access, new EndpointViews(pipeline), new Forwarder());
    this.router = new Router()
        .get("/metrics", this::metrics)
        .get("/health/live", health::live)
        .get("/health/ready", health::ready)
        .get("/endpoints/{id}/hourly", Set.of("from", "to"), queries::hourly)
        .get("/endpoints/{id}/today", queries::today)
        .get(QueryRoutes.ACTIVE_ALERTS_PATH, queries::activeAlerts);
  }

  /**
   * Binds and starts serving. Queries answer 503 until {@link #attach} is called.
   *
   * @throws UncheckedIOException if the address cannot be bound (the message names it)
   */
  public synchronized BurnrateHttpServer start() {
    if (server != null) {
      throw new IllegalStateException("The HTTP server is already running at " + url());
    }
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
      executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
      http.setExecutor(executor);
      http.createContext("/", router);
      http.start();
      server = http;
    } catch (IOException e) {
      if (executor != null) {
        executor.shutdownNow();
      }
      throw new UncheckedIOException("The HTTP server could not listen on " + host + ":" + requestedPort + ": "
          + e.getMessage() + " (is the port in use? set " + "burnrate.http.port, or 0 for any free port)", e);
    }
    log.info("HTTP endpoint at {} (/metrics, /health/live, /health/ready, /endpoints/{id}/hourly, "
        + "/endpoints/{id}/today, /alerts/active)", url());
    return this;
  }

  /** Serves queries from this KafkaStreams instance; {@code self} is its {@code application.server}. */
  public void attach(KafkaStreams streams, HostInfo self) {
    attach(new KafkaStreamsAccess(streams, self));
  }

  void attach(StreamsAccess streamsAccess) {
    this.access = streamsAccess;
  }

  /** Feed Kafka Streams' state changes here, so that a failure keeps {@code /health/live} DOWN. */
  public void onStreamsState(KafkaStreams.State state) {
    health.onState(state);
  }

  /** The port the running server listens on (the one picked when 0 was asked for). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("The HTTP server is not running: call start() first");
    }
    return server.getAddress().getPort();
  }

  /** The address and port the running server is bound to. */
  public synchronized InetSocketAddress boundAddress() {
    if (server == null) {
      throw new IllegalStateException("The HTTP server is not running: call start() first");
    }
    return server.getAddress();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return "http://" + advertisedAddress();
  }

  /**
   * {@code host:port} other instances reach this one at, for Kafka Streams' {@code application.server}:
   * the bound host, or this machine's name when bound to every interface.
   */
  public String advertisedAddress() {
    String name = host;
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      try {
        name = InetAddress.getLocalHost().getCanonicalHostName();
      } catch (UnknownHostException e) {
        throw new IllegalStateException("bound to every interface but this machine's name is unknown ("
            + e.getMessage() + "); set application.server to host:port that other instances can reach", e);
      }
    }
    return (name.contains(":") ? "[" + name + "]" : name) + ":" + port();
  }

  /** Stops serving. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.stop(0);
    server = null;
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("HTTP request threads still busy 5 s after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("HTTP endpoint stopped");
  }

  private HttpReply metrics(ApiRequest request) {
    activeAlerts.refresh(access);
    return HttpReply.text(200, PROMETHEUS_TEXT, meters.scrape());
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "burnrate-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
