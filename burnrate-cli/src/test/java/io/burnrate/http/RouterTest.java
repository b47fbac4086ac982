package io.burnrate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

/** Routing, parameters and error bodies, without a socket. */
class RouterTest {
  private final List<ApiRequest> seen = new CopyOnWriteArrayList<>();
  private final Router router = new Router()
      .get("/endpoints/{id}/hourly", Set.of("from", "to"), this::echo)
      .get("/health/live", this::echo)
      .get("/broken", request -> {
        throw new IllegalStateException("boom");
      })
      .get("/moving", request -> {
        throw new InvalidStateStoreException("endpoint-state may have migrated to another instance");
      });

  private HttpReply echo(ApiRequest request) {
    seen.add(request);
    return HttpReply.json(200, Map.of("ok", true));
  }

  @Test
  void capturesPathParametersAndDecodesThem() {
    HttpReply reply = router.route("GET", "/endpoints/a%2Fb+c/hourly", "from=1&to=2026-03-02T10%3A00%3A00Z", null);

    assertThat(reply.status()).isEqualTo(200);
    ApiRequest request = seen.get(0);
    assertThat(request.pathParam("id")).isEqualTo("a/b+c");
    assertThat(request.query()).containsEntry("from", "1").containsEntry("to", "2026-03-02T10:00:00Z");
    assertThat(request.rawTarget()).isEqualTo("/endpoints/a%2Fb+c/hourly?from=1&to=2026-03-02T10%3A00%3A00Z");
    assertThat(request.forwarded()).isFalse();
  }

  @Test
  void ignoresATrailingSlashAndNotesWhoForwarded() {
    router.route("GET", "/health/live/", null, "10.0.0.2:8080");

    assertThat(seen).singleElement().satisfies(r -> {
      assertThat(r.forwarded()).isTrue();
      assertThat(r.forwardedBy()).isEqualTo("10.0.0.2:8080");
    });
  }

  @Test
  void anUnknownPathIs404NamingTheResourcesThatExist() {
    HttpReply reply = router.route("GET", "/endpoint/x/hourly", null, null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(Client.parse(reply.bodyText())).containsEntry("status", 404);
    assertThat(reply.bodyText()).contains("/endpoint/x/hourly").contains("/alerts/active");
  }

  @Test
  void anotherMethodIs405WithAllow() {
    HttpReply reply = router.route("POST", "/health/live", null, null);

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers()).containsEntry("Allow", "GET, HEAD");
    assertThat(seen).isEmpty();
  }

  @Test
  void anUnknownOrRepeatedParameterIs400NamingIt() {
    HttpReply unknown = router.route("GET", "/endpoints/x/hourly", "from=1&until=2", null);
    HttpReply repeated = router.route("GET", "/endpoints/x/hourly", "to=1&to=2", null);
    HttpReply none = router.route("GET", "/health/live", "verbose", null);

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(Client.parse(unknown.bodyText())).containsEntry("parameter", "until");
    assertThat(unknown.bodyText()).contains("from, to");
    assertThat(Client.parse(repeated.bodyText())).containsEntry("parameter", "to").containsEntry("status", 400);
    assertThat(Client.parse(none.bodyText())).containsEntry("parameter", "verbose");
    assertThat(seen).isEmpty();
  }

  @Test
  void badPercentEncodingIs400() {
    HttpReply reply = router.route("GET", "/endpoints/x/hourly", "from=%zz", null);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(Client.parse(reply.bodyText())).containsEntry("parameter", "from");
  }

  @Test
  void aStoreThatMovedIs503AndAFailureIs500() {
    HttpReply moving = router.route("GET", "/moving", null, null);
    HttpReply broken = router.route("GET", "/broken", null, null);

    assertThat(moving.status()).isEqualTo(503);
    assertThat(moving.headers()).containsEntry("Retry-After", "1");
    assertThat(moving.bodyText()).contains("rebalancing");
    assertThat(broken.status()).isEqualTo(500);
    assertThat(broken.bodyText()).contains("boom").contains("/broken");
  }
}
