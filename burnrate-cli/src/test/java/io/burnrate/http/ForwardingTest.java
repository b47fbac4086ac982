package io.burnrate.http;

import static io.burnrate.http.Inputs.at;
import static io.burnrate.http.Inputs.bill;
import static io.burnrate.http.Inputs.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on loopback, each with its own topology and stores: alpha lives on A, beta on B. Either
 * answers for both, by forwarding to the owner; active alerts are gathered from both.
 */
class ForwardingTest {
  private DriverAccess pipelineA;
  private DriverAccess pipelineB;
  private BurnrateHttpServer serverA;
  private BurnrateHttpServer serverB;
  private Client a;
  private Client b;
  private HostInfo hostA;
  private HostInfo hostB;

  @BeforeEach
  void start() {
    pipelineA = new DriverAccess(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    pipelineB = new DriverAccess(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    serverA = new BurnrateHttpServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        pipelineA.config.pipeline()).start();
    serverB = new BurnrateHttpServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        pipelineB.config.pipeline()).start();
    hostA = HostInfo.buildFromEndpoint(serverA.advertisedAddress());
    hostB = HostInfo.buildFromEndpoint(serverB.advertisedAddress());
    place(pipelineA, hostA);
    place(pipelineB, hostB);
    serverA.attach(pipelineA);
    serverB.attach(pipelineB);
    a = new Client(serverA.url());
    b = new Client(serverB.url());

    pipelineA.config(config("alpha", 240.0));
    pipelineA.bill(bill("alpha", at("10:00"), at("11:00"), 300.0));
    pipelineB.config(config("beta", 100.0));
    pipelineB.bill(bill("beta", at("09:00"), at("10:00"), 160.0));
  }

  /** alpha (and any name starting with 'a') lives on A, everything else on B. */
  private void place(DriverAccess pipeline, HostInfo self) {
    pipeline.self = self;
    pipeline.owners = id -> {
      HostInfo owner = id.startsWith("a") ? hostA : hostB;
      return new StreamsAccess.Owner(owner, owner.equals(self));
    };
    pipeline.instances = List.of(hostA, hostB);
  }

  @AfterEach
  void stop() {
    serverA.close();
    serverB.close();
    pipelineA.close();
    pipelineB.close();
  }

  @Test
  void eitherInstanceAnswersForEveryEndpointFromItsOwner() {
    Client.Reply betaViaA = a.get("/endpoints/beta/today");
    Client.Reply betaViaB = b.get("/endpoints/beta/today");
    Client.Reply alphaViaB = b.get("/endpoints/alpha/today");
    Client.Reply alphaViaA = a.get("/endpoints/alpha/today");

    assertThat(betaViaA.status()).isEqualTo(200);
    assertThat(betaViaA.servedBy()).isEqualTo(serverB.advertisedAddress());
    assertThat(betaViaA.json()).containsEntry("daily_spend_usd", 160.0).isEqualTo(betaViaB.json());
    assertThat(alphaViaB.servedBy()).isEqualTo(serverA.advertisedAddress());
    assertThat(alphaViaB.json()).containsEntry("daily_spend_usd", 300.0).isEqualTo(alphaViaA.json());
    assertThat(alphaViaA.servedBy()).isEqualTo(serverA.advertisedAddress());
  }

  @Test
  void theQueryIsForwardedWithItsParameters() {
    String path = "/endpoints/beta/hourly?from=2026-03-02T09:00:00Z&to=" + at("10:00").toEpochMilli();

    Client.Reply viaA = a.get(path);

    assertThat(viaA.status()).isEqualTo(200);
    assertThat(viaA.servedBy()).isEqualTo(serverB.advertisedAddress());
    assertThat(viaA.list("hours")).singleElement().satisfies(h -> assertThat(h)
        .containsEntry("timestamp", at("09:00").toEpochMilli()).containsEntry("spend_usd", 160.0));
    assertThat(viaA.json()).isEqualTo(b.get(path).json());
  }

  @Test
  void theOwnersAnswerPassesThroughAsItIsIncluding404() {
    Client.Reply reply = a.get("/endpoints/bogus/today");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.servedBy()).isNull();
    assertThat((String) reply.json().get("error")).contains("'bogus'");
  }

  @Test
  void aForwardedRequestIsNotForwardedAgainWhileOwnershipMoves() {
    // B still believes alpha lives on A, A believes it moved to B.
    pipelineA.owners = id -> new StreamsAccess.Owner(hostB, false);

    Client.Reply reply = a.get("/endpoints/alpha/today");

    assertThat(reply.status()).isEqualTo(503);
    assertThat((String) reply.json().get("error")).contains("tasks are moving");
  }

  @Test
  void activeAlertsAreGatheredFromEveryInstanceInOneOrder() {
    Client.Reply viaA = a.get("/alerts/active");
    Client.Reply viaB = b.get("/alerts/active");

    assertThat(viaA.status()).isEqualTo(200);
    List<Map<String, Object>> alerts = viaA.list("alerts");
    assertThat(alerts).extracting(x -> x.get("endpoint_id")).contains("alpha", "beta").isSorted();
    assertThat(alerts).extracting(x -> x.get("alert_id")).containsExactlyInAnyOrderElementsOf(
        concat(pipelineA.firingPerTopic().keySet(), pipelineB.firingPerTopic().keySet()));
    assertThat(viaB.json()).isEqualTo(viaA.json());
  }

  @Test
  void anInstanceThatDoesNotAnswerIs503NamingIt() {
    serverB.close();

    Client.Reply beta = a.get("/endpoints/beta/today");
    Client.Reply alerts = a.get("/alerts/active");

    assertThat(beta.status()).isEqualTo(503);
    assertThat((String) beta.json().get("error")).contains(serverA.advertisedAddress().split(":")[0] + ":"
        + hostB.port());
    assertThat(alerts.status()).isEqualTo(503);
    assertThat(a.get("/endpoints/alpha/today").status()).as("its own endpoints still answer").isEqualTo(200);
  }

  private static List<String> concat(Collection<String> first, Collection<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
