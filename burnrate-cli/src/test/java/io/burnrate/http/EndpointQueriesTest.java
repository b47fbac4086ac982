package io.burnrate.http;

import static io.burnrate.http.Inputs.DAY;
import static io.burnrate.http.Inputs.at;
import static io.burnrate.http.Inputs.bill;
import static io.burnrate.http.Inputs.config;
import static io.burnrate.http.Inputs.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.AlertRule;
import io.burnrate.schema.CostAlert;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queries over the real topology's stores (TopologyTestDriver), through the real server on loopback. */
class EndpointQueriesTest {
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private DriverAccess pipeline;
  private BurnrateHttpServer http;
  private Client client;

  @BeforeEach
  void start() {
    pipeline = new DriverAccess(meters);
    http = new BurnrateHttpServer("127.0.0.1", 0, meters, pipeline.config.pipeline()).start();
    http.attach(pipeline);
    client = new Client(http.url());
  }

  @AfterEach
  void stop() {
    http.close();
    pipeline.close();
  }

  /** alpha: budget $240, a $300 compute bill for 10:00-11:00 and ten requests (one failed) at 10:05. */
  private void alphaOverBudget() {
    pipeline.config(config("alpha", 240.0));
    for (int i = 0; i < 10; i++) {
      pipeline.request(request("alpha", at("10:05").plusSeconds(i), i == 0 ? 500 : 200));
    }
    pipeline.bill(bill("alpha", at("10:00"), at("11:00"), 300.0));
  }

  @Test
  void todayIsTheSpendOfTheEndpointsBudgetDayAgainstItsBudget() {
    alphaOverBudget();

    Client.Reply reply = client.get("/endpoints/alpha/today");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    Map<String, Object> today = reply.json();
    assertThat(today).containsEntry("endpoint_id", "alpha")
        .containsEntry("timezone", "UTC")
        .containsEntry("date", "2026-03-02")
        .containsEntry("day_start", DAY.toEpochMilli())
        .containsEntry("day_end", DAY.plus(Duration.ofDays(1)).toEpochMilli())
        .containsEntry("daily_spend_usd", 300.0)
        .containsEntry("daily_budget_usd", 240.0)
        .containsEntry("budget_used_ratio", 1.25)
        .containsEntry("remaining_usd", -60.0)
        .containsEntry("billed_usd", 300.0)
        .containsEntry("metered_usd", 0.0)
        .containsEntry("source", "billed")
        .containsEntry("budget_alerts_firing", List.of("DAILY_BUDGET_120"))
        .containsEntry("configured", true);
    assertThat(((Number) today.get("as_of")).longValue()).isEqualTo(at("11:00").toEpochMilli());
  }

  @Test
  void hourlyAnswersWithTheObjectsOfTheMetricsTopic() {
    alphaOverBudget();
    Map<String, Object> published = pipeline.latestMetrics().get("alpha@" + at("10:00").toEpochMilli());
    assertThat(published).as("the metrics topic's value for alpha's 10:00 hour").isNotNull();

    Client.Reply reply = client.get("/endpoints/alpha/hourly");

    assertThat(reply.status()).isEqualTo(200);
    List<Map<String, Object>> hours = reply.list("hours");
    Map<String, Object> tenOClock = hours.stream()
        .filter(h -> ((Number) h.get("timestamp")).longValue() == at("10:00").toEpochMilli())
        .findFirst().orElseThrow();
    assertThat(tenOClock).isEqualTo(published);
    assertThat(tenOClock).containsEntry("spend_usd", 300.0).containsEntry("requests", 10)
        .containsEntry("errors", 1).containsEntry("error_rate", 0.1).containsEntry("daily_budget_usd", 240.0);
    Map<String, Object> body = reply.json();
    // Without from and to: the 24 hours up to the end of the hour of alpha's stream time (11:00).
    assertThat(body).containsEntry("endpoint_id", "alpha")
        .containsEntry("to", at("12:00").toEpochMilli())
        .containsEntry("from", at("12:00").minus(Duration.ofHours(24)).toEpochMilli());
  }

  @Test
  void hourlyTakesIsoInstantsOrEpochMillisAndReturnsOnlyHoursStartingInTheRange() {
    alphaOverBudget();

    List<Map<String, Object>> iso =
        client.get("/endpoints/alpha/hourly?from=2026-03-02T10:00:00Z&to=2026-03-02T11:00:00Z").list("hours");
    List<Map<String, Object>> millis = client.get("/endpoints/alpha/hourly?from=" + at("10:30").toEpochMilli()
        + "&to=" + at("11:00").toEpochMilli()).list("hours");
    List<Map<String, Object>> offset =
        client.get("/endpoints/alpha/hourly?from=2026-03-02T11:00:00%2B01:00&to=2026-03-02T12:00:00%2B01:00")
            .list("hours");
    List<Map<String, Object>> before =
        client.get("/endpoints/alpha/hourly?from=2026-03-02T08:00:00Z&to=2026-03-02T10:00:00Z").list("hours");

    assertThat(iso).extracting(h -> h.get("timestamp")).containsExactly(at("10:00").toEpochMilli());
    assertThat(millis).as("from inside an hour includes that hour").isEqualTo(iso);
    assertThat(offset).isEqualTo(iso);
    assertThat(before).isEmpty();
  }

  @Test
  void activeAlertsAreTheFiringOnesNotYetResolvedAndGoWhenResolved() {
    alphaOverBudget();
    Map<String, CostAlert> firing = pipeline.firingPerTopic();
    assertThat(firing.values()).anyMatch(a -> a.getRule() == AlertRule.DAILY_BUDGET_120);

    List<Map<String, Object>> active = client.get("/alerts/active").list("alerts");

    assertThat(active).extracting(a -> a.get("alert_id")).containsExactlyInAnyOrderElementsOf(firing.keySet());
    assertThat(active).filteredOn(a -> "DAILY_BUDGET_120".equals(a.get("rule"))).singleElement()
        .satisfies(a -> assertThat(a)
            .containsEntry("endpoint_id", "alpha")
            .containsEntry("status", "FIRING")
            .containsEntry("severity", "WARNING")
            .containsEntry("observed", 300.0)
            .containsEntry("threshold", 288.0)
            .containsEntry("window_start", DAY.toEpochMilli())
            .containsEntry("owner", "team-alpha"));

    // The budget day is over and its billing grace (an hour here) has passed: its alerts resolve.
    pipeline.request(request("bystander", DAY.plus(Duration.ofHours(25)), 200));
    pipeline.request(request("bystander", DAY.plus(Duration.ofHours(25)).plusSeconds(120), 200));
    Map<String, CostAlert> stillFiring = pipeline.firingPerTopic();
    assertThat(stillFiring.values()).noneMatch(a -> a.getRule() == AlertRule.DAILY_BUDGET_120);

    Client.Reply after = client.get("/alerts/active");
    assertThat(after.list("alerts")).extracting(a -> a.get("alert_id"))
        .containsExactlyInAnyOrderElementsOf(stillFiring.keySet());
    assertThat(after.json()).containsEntry("count", stillFiring.size());
  }

  @Test
  void anUnknownEndpointIs404WithAJsonError() {
    alphaOverBudget();

    for (String path : List.of("/endpoints/nobody/today", "/endpoints/nobody/hourly")) {
      Client.Reply reply = client.get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.json()).containsEntry("status", 404);
      assertThat((String) reply.json().get("error")).contains("'nobody'");
    }
  }

  @Test
  void badParametersAre400NamingTheParameter() {
    alphaOverBudget();

    Map<String, String> cases = Map.of(
        "/endpoints/alpha/hourly?from=yesterday", "from",
        "/endpoints/alpha/hourly?to=2026-13-02T00:00:00Z", "to",
        "/endpoints/alpha/hourly?from=2026-03-02T11:00:00Z&to=2026-03-02T10:00:00Z", "from",
        "/endpoints/alpha/hourly?from=2026-01-01T00:00:00Z&to=2026-03-02T00:00:00Z", "from",
        "/endpoints/alpha/hourly?form=2026-03-02T10:00:00Z", "form",
        "/endpoints/alpha/hourly?from=1&from=2", "from",
        "/endpoints/alpha/today?from=1", "from");
    cases.forEach((path, parameter) -> {
      Client.Reply reply = client.get(path);
      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(reply.json()).as(path).containsEntry("parameter", parameter);
    });
  }

  @Test
  void queriesAre503WhileKafkaStreamsIsNotRunning() {
    alphaOverBudget();
    pipeline.state = KafkaStreams.State.REBALANCING;

    for (String path : List.of("/endpoints/alpha/today", "/endpoints/alpha/hourly", "/alerts/active")) {
      Client.Reply reply = client.get(path);
      assertThat(reply.status()).as(path).isEqualTo(503);
      assertThat(reply.json()).as(path).containsEntry("state", "REBALANCING");
    }
    pipeline.state = KafkaStreams.State.RUNNING;
    assertThat(client.get("/endpoints/alpha/today").status()).isEqualTo(200);
  }

  @Test
  void queriesAre503BeforeKafkaStreamsIsAttached() {
    try (BurnrateHttpServer unattached =
        new BurnrateHttpServer("127.0.0.1", 0, meters, pipeline.config.pipeline()).start()) {
      Client.Reply reply = new Client(unattached.url()).get("/alerts/active");
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json()).containsEntry("state", "STARTING");
    }
  }

  @Test
  void endpointIdsArePercentDecoded() {
    pipeline.config(config("team/a b+c", 240.0));
    pipeline.bill(bill("team/a b+c", at("10:00"), at("11:00"), 30.0));

    Client.Reply reply = client.get("/endpoints/team%2Fa%20b+c/today");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).containsEntry("endpoint_id", "team/a b+c").containsEntry("daily_spend_usd", 30.0);
  }
}
