package io.burnrate.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a stand-in HTTP server on loopback that records requests and answers as told. */
class AlertmanagerClientTest {
  private record Seen(String method, String path, String contentType, String authorization, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "";
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
        new String(body, StandardCharsets.UTF_8)));
    byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
    if (reply.length > 0) {
      exchange.getResponseBody().write(reply);
    }
    exchange.close();
  }

  @Test
  void postsTheAlertsAsAJsonArrayToTheV2Api() throws Exception {
    List<AlertmanagerAlert> alerts = List.of(AlertTranslation.firing(TestAlerts.firing("a", "chat")));

    AlertPoster.Answer reply = new AlertmanagerClient(base, Duration.ofSeconds(5)).post(alerts);

    assertThat(reply.accepted()).isTrue();
    assertThat(seen).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/api/v2/alerts");
      assertThat(request.contentType()).isEqualTo("application/json");
      assertThat(request.authorization()).isNull();
      assertThat(request.body()).isEqualTo(new String(AlertmanagerClient.body(alerts), StandardCharsets.UTF_8));
    });
  }

  @Test
  void aPathPrefixIsKeptAndCredentialsGoInAHeaderNeverInTheShownUrl() throws Exception {
    AlertmanagerClient client = new AlertmanagerClient(
        "http://ops:s3cr%40t@127.0.0.1:" + server.getAddress().getPort() + "/alertmanager/", Duration.ofSeconds(5));

    client.post(List.of(AlertTranslation.firing(TestAlerts.firing("a", "chat"))));

    assertThat(client.redactedUrl()).isEqualTo(base + "/alertmanager/").doesNotContain("s3cr");
    assertThat(seen).singleElement().satisfies(request -> {
      assertThat(request.path()).isEqualTo("/alertmanager/api/v2/alerts");
      assertThat(request.authorization()).isEqualTo(
          "Basic " + Base64.getEncoder().encodeToString("ops:s3cr@t".getBytes(StandardCharsets.UTF_8)));
    });
  }

  @Test
  void anErrorAnswerComesBackWithItsStatusAndBody() throws Exception {
    status = 400;
    answer = "\"start time must be before end time\"";

    AlertPoster.Answer reply = new AlertmanagerClient(base, Duration.ofSeconds(5))
        .post(List.of(AlertTranslation.firing(TestAlerts.firing("a", "chat"))));

    assertThat(reply).isEqualTo(new AlertPoster.Answer(400, "\"start time must be before end time\""));
    assertThat(reply.accepted()).isFalse();
  }

  @Test
  void aServerThatIsGoneIsAnIoError() {
    AlertmanagerClient client = new AlertmanagerClient(base, Duration.ofSeconds(5));
    server.stop(0);

    assertThatThrownBy(() -> client.post(List.of(AlertTranslation.firing(TestAlerts.firing("a", "chat")))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void urlsThatCannotBeAlertmanagerAreRefusedWithAnExample() {
    for (String bad : new String[] {"", "localhost:9093", "ftp://am:9093", "http://am:9093/?x=1", "http://[bad"}) {
      assertThatThrownBy(() -> AlertmanagerClient.checkUrl(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http://127.0.0.1:9093");
    }
    assertThatThrownBy(() -> AlertmanagerClient.checkUrl("ftp://user:pw@am:9093"))
        .message().doesNotContain("pw");
  }
}
