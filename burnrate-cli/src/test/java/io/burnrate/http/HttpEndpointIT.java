package io.burnrate.http;

import static io.burnrate.http.Inputs.at;
import static io.burnrate.http.Inputs.bill;
import static io.burnrate.http.Inputs.config;
import static io.burnrate.http.Inputs.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.local.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One instance on the real embedded broker and registry, wired as {@code burnrate run}, queried over HTTP. */
class HttpEndpointIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  /** A whole day in the past, so that every event is plausible and the budget day is fixed. */
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

  @Test
  void metricsHealthAndQueriesOfARunningPipeline() throws Exception {
    try (RunningInstance instance = new RunningInstance(LOCAL.bootstrapServers(), LOCAL.registryUrl(), "http-it");
        BrokerInputs inputs = new BrokerInputs(LOCAL.bootstrapServers(), LOCAL.registryUrl())) {
      Client client = instance.client;
      Client.Reply notYet = client.get("/health/ready");
      assertThat(notYet.status()).isEqualTo(503);
      assertThat(notYet.json()).containsEntry("state", "CREATED");
      assertThat(client.get("/health/live").status()).isEqualTo(200);

      instance.start();
      await().atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(client.get("/health/ready").status()).isEqualTo(200));
      assertThat(client.get("/health/ready").json()).containsEntry("status", "UP").containsEntry("state", "RUNNING");

      inputs.config(config("http-it-alpha", 240.0));
      for (int i = 0; i < 5; i++) {
        inputs.request(request("http-it-alpha", at(DAY, "10:05").plusSeconds(i), 200));
      }
      inputs.bill(bill("http-it-alpha", at(DAY, "10:00"), at(DAY, "11:00"), 300.0));
      inputs.flush();

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.get("/alerts/active")
          .list("alerts")).anySatisfy(a -> assertThat(a)
              .containsEntry("endpoint_id", "http-it-alpha")
              .containsEntry("rule", "DAILY_BUDGET_120")
              .containsEntry("observed", 300.0)
              .containsEntry("owner", "team-http-it-alpha")));

      // The endpoint's state is queried as of the last commit, at most commit.interval.ms after the alert.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        Client.Reply today = client.get("/endpoints/http-it-alpha/today");
        assertThat(today.status()).isEqualTo(200);
        assertThat(today.servedBy()).isEqualTo(instance.http.advertisedAddress());
        assertThat(today.json())
            .containsEntry("day_start", DAY.toEpochMilli())
            .containsEntry("daily_spend_usd", 300.0)
            .containsEntry("daily_budget_usd", 240.0)
            .containsEntry("budget_used_ratio", 1.25)
            .containsEntry("budget_alerts_firing", List.of("DAILY_BUDGET_120"));
      });

      Client.Reply hourly = client.get("/endpoints/http-it-alpha/hourly?from=" + at(DAY, "10:00")
          + "&to=" + at(DAY, "11:00").toEpochMilli());
      assertThat(hourly.status()).isEqualTo(200);
      assertThat(hourly.list("hours")).singleElement().satisfies(h -> assertThat(h)
          .containsEntry("timestamp", at(DAY, "10:00").toEpochMilli())
          .containsEntry("endpoint_id", "http-it-alpha")
          .containsEntry("spend_usd", 300.0)
          .containsEntry("requests", 5)
          .containsEntry("daily_spend_usd", 300.0));

      assertThat(client.get("/endpoints/http-it-nobody/today").status()).isEqualTo(404);

      // Kafka Streams' own metrics appear once its threads have registered them.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.get("/metrics").body())
          .contains("burnrate_records_in_total{topic=\"billing.events\"}")
          .contains("burnrate_records_in_total{topic=\"inference.requests\"}")
          .contains("burnrate_alerts_active{rule=\"DAILY_BUDGET_120\",severity=\"WARNING\"} 1.0")
          .contains("kafka_stream_thread_")
          .contains("jvm_memory_used_bytes"));
      Map<String, Object> ready = client.get("/health/ready").json();
      assertThat(ready).containsEntry("state", "RUNNING");
    }
  }
}
