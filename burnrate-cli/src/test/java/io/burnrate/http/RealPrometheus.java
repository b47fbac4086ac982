package io.burnrate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.burnrate.e2e.ExternalServer;
import io.burnrate.e2e.JsonHttp;
import io.burnrate.local.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Debian package's Prometheus on a free loopback port, scraping one Burnrate instance every
 * second, its database in a fresh directory.
 */
final class RealPrometheus implements AutoCloseable {
  static final String JOB = "burnrate";

  final String url;
  private final ExternalServer server;

  private RealPrometheus(String url, ExternalServer server) {
    this.url = url;
    this.server = server;
  }

  /** Starts Prometheus scraping {@code target} ({@code host:port} of Burnrate's HTTP endpoint). */
  static RealPrometheus scraping(String target, Path workDir) {
    Path binary = ExternalServer.requireBinary("prometheus", "prometheus", "/usr/bin/prometheus");
    String config = """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: %s
            metrics_path: /metrics
            static_configs:
              - targets: ["%s"]
        """.formatted(JOB, target);
    try {
      Files.createDirectories(workDir);
      Path configFile = Files.writeString(workDir.resolve("prometheus.yml"), config);
      int port = LoopbackPorts.free();
      String url = "http://" + LoopbackPorts.HOST + ":" + port;
      ExternalServer server = ExternalServer.start("prometheus", List.of(
          binary.toString(),
          "--config.file=" + configFile,
          "--storage.tsdb.path=" + Files.createDirectories(workDir.resolve("data")),
          "--web.listen-address=" + LoopbackPorts.HOST + ":" + port), workDir, URI.create(url + "/-/ready"));
      return new RealPrometheus(url, server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Prometheus' directory " + workDir, e);
    }
  }

  /** {@code GET /api/v1/query}: the instant vector's series ({@code metric} labels and {@code value}). */
  List<JsonNode> query(String promQl) {
    JsonNode answer = JsonHttp.get(url + "/api/v1/query?query=" + JsonHttp.query(promQl));
    if (!"success".equals(answer.path("status").asText())) {
      throw new AssertionError("Prometheus could not run " + promQl + ": " + answer);
    }
    List<JsonNode> series = new ArrayList<>();
    answer.path("data").path("result").forEach(series::add);
    return series;
  }

  /** Every metric name Prometheus has stored. */
  Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    JsonHttp.get(url + "/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
    return names;
  }

  String log() {
    return server.log();
  }

  @Override
  public void close() {
    server.close();
  }
}
