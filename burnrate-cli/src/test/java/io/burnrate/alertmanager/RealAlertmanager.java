package io.burnrate.alertmanager;

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

/**
 * The Debian package's Alertmanager on a free loopback port, clustering off, its state in a fresh
 * directory, with one receiver that notifies no one.
 */
final class RealAlertmanager implements AutoCloseable {
  private static final String CONFIG = """
      route:
        receiver: "null"
      receivers:
        - name: "null"
      """;

  final String url;
  private final ExternalServer server;

  private RealAlertmanager(String url, ExternalServer server) {
    this.url = url;
    this.server = server;
  }

  static RealAlertmanager start(Path workDir) {
    Path binary = ExternalServer.requireBinary("prometheus-alertmanager",
        "prometheus-alertmanager", "/usr/bin/prometheus-alertmanager", "alertmanager");
    try {
      Files.createDirectories(workDir);
      Path config = Files.writeString(workDir.resolve("alertmanager.yml"), CONFIG);
      int port = LoopbackPorts.free();
      String url = "http://" + LoopbackPorts.HOST + ":" + port;
      ExternalServer server = ExternalServer.start("alertmanager", List.of(
          binary.toString(),
          "--config.file=" + config,
          "--storage.path=" + Files.createDirectories(workDir.resolve("data")),
          "--web.listen-address=" + LoopbackPorts.HOST + ":" + port,
          "--cluster.listen-address="), workDir, URI.create(url + "/-/ready"));
      return new RealAlertmanager(url, server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Alertmanager's directory " + workDir, e);
    }
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as not resolved. */
  List<JsonNode> alerts() {
    List<JsonNode> alerts = new ArrayList<>();
    JsonHttp.get(url + "/api/v2/alerts").forEach(alerts::add);
    return alerts;
  }

  /** The alert with this {@code alert_id} label, if Alertmanager holds it as not resolved. */
  JsonNode alert(String alertId) {
    for (JsonNode alert : alerts()) {
      if (alertId.equals(alert.path("labels").path(AlertTranslation.ALERT_ID).asText())) {
        return alert;
      }
    }
    return null;
  }

  String log() {
    return server.log();
  }

  @Override
  public void close() {
    server.close();
  }
}
