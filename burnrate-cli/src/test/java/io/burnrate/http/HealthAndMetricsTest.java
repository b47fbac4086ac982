package io.burnrate.http;

import static io.burnrate.http.Inputs.at;
import static io.burnrate.http.Inputs.bill;
import static io.burnrate.http.Inputs.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthAndMetricsTest {
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private DriverAccess pipeline;
  private BurnrateHttpServer http;
  private AutoCloseable jvm;
  private Client client;

  @BeforeEach
  void start() {
    jvm = MeterBindings.bindJvm(meters);
    pipeline = new DriverAccess(meters);
    http = new BurnrateHttpServer("127.0.0.1", 0, meters, pipeline.config.pipeline()).start();
    client = new Client(http.url());
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    pipeline.close();
    jvm.close();
  }

  @Test
  void beforeKafkaStreamsExistsTheProcessIsLiveButNotReady() {
    assertThat(client.get("/health/live").status()).isEqualTo(200);
    Client.Reply ready = client.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json()).containsEntry("status", "DOWN").containsEntry("state", "STARTING");
  }

  @Test
  void readyOnlyWhileRunningLiveUntilAFailure() {
    http.attach(pipeline);
    for (KafkaStreams.State state : new KafkaStreams.State[] {
        KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING, KafkaStreams.State.PENDING_SHUTDOWN}) {
      pipeline.state = state;
      assertThat(client.get("/health/ready").status()).as(state.name()).isEqualTo(503);
      assertThat(client.get("/health/live").json()).as(state.name())
          .containsEntry("status", "UP").containsEntry("state", state.name());
    }
    pipeline.state = KafkaStreams.State.RUNNING;
    assertThat(client.get("/health/ready").json()).containsEntry("status", "UP").containsEntry("state", "RUNNING");

    http.onStreamsState(KafkaStreams.State.ERROR);
    pipeline.state = KafkaStreams.State.NOT_RUNNING;
    Client.Reply live = client.get("/health/live");
    assertThat(live.status()).as("NOT_RUNNING after ERROR").isEqualTo(503);
    assertThat(live.json()).containsEntry("status", "DOWN").containsEntry("state", "NOT_RUNNING");
  }

  @Test
  void anErrorSeenByAProbeIsRememberedToo() {
    http.attach(pipeline);
    pipeline.state = KafkaStreams.State.ERROR;
    assertThat(client.get("/health/live").status()).isEqualTo(503);
    pipeline.state = KafkaStreams.State.NOT_RUNNING;
    assertThat(client.get("/health/live").status()).isEqualTo(503);
  }

  @Test
  void aCleanShutdownLeavesLiveUp() {
    http.attach(pipeline);
    http.onStreamsState(KafkaStreams.State.PENDING_SHUTDOWN);
    pipeline.state = KafkaStreams.State.NOT_RUNNING;
    assertThat(client.get("/health/live").status()).isEqualTo(200);
  }

  @Test
  void metricsAreThePrometheusTextOfPipelineCountersActiveAlertsAndTheJvm() {
    http.attach(pipeline);
    pipeline.config(config("alpha", 240.0));
    pipeline.bill(bill("alpha", at("10:00"), at("11:00"), 300.0));
    long budgetAlertsFiring = pipeline.firingPerTopic().values().stream()
        .filter(a -> a.getRule().name().equals("DAILY_BUDGET_120")).count();

    Client.Reply reply = client.get("/metrics");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(reply.body())
        .contains("burnrate_records_in_total{topic=\"billing.events\"} 1.0")
        .contains("burnrate_records_in_total{topic=\"endpoint.config\"} 1.0")
        .contains("burnrate_alerts_total{rule=\"DAILY_BUDGET_120\",severity=\"WARNING\",status=\"FIRING\"} 1.0")
        .contains("burnrate_alerts_active{rule=\"DAILY_BUDGET_120\",severity=\"WARNING\"} " + budgetAlertsFiring
            + ".0")
        .contains("burnrate_alerts_active{rule=\"ERROR_RATE\",severity=\"CRITICAL\"} 0.0")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_live_threads")
        .contains("jvm_classes_loaded_classes")
        .contains("process_uptime_seconds")
        .contains("system_cpu_count");
    assertThat(budgetAlertsFiring).isEqualTo(1);
  }

  @Test
  void theActiveAlertGaugeKeepsItsCountWhileRebalancing() {
    http.attach(pipeline);
    pipeline.config(config("alpha", 240.0));
    pipeline.bill(bill("alpha", at("10:00"), at("11:00"), 300.0));
    String firing = "burnrate_alerts_active{rule=\"DAILY_BUDGET_120\",severity=\"WARNING\"} 1.0";
    assertThat(client.get("/metrics").body()).contains(firing);

    pipeline.state = KafkaStreams.State.REBALANCING;
    assertThat(client.get("/metrics").body()).contains(firing);

    pipeline.state = KafkaStreams.State.RUNNING;
    pipeline.instances = List.of(new HostInfo("10.0.0.9", 8080));
    assertThat(client.get("/metrics").body()).as("no tasks here any more")
        .contains("burnrate_alerts_active{rule=\"DAILY_BUDGET_120\",severity=\"WARNING\"} 0.0");
  }

  @Test
  void headAndOtherMethods() {
    assertThat(client.send("HEAD", "/health/live").status()).isEqualTo(200);
    assertThat(client.send("DELETE", "/metrics").status()).isEqualTo(405);
    assertThat(client.get("/nothing").status()).isEqualTo(404);
  }
}
