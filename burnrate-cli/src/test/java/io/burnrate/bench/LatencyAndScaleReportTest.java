package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyAndScaleReportTest {

  private static Conditions conditions(int endpoints) {
    Map<String, Long> perTopic = new LinkedHashMap<>();
    perTopic.put("inference.requests", 290L);
    perTopic.put("inference.replicas", 10L);
    return new Conditions(2, "4.3.1", "17", 1L << 30, false, List.of(Guarantee.EXACTLY_ONCE), 200, 1024, 1000, 1, 3,
        endpoints, perTopic, 0, "live", 1);
  }

  @Test
  void latencyMatchesEachBreachWithItsOutputByEndpoint() {
    LiveTraffic.Sent sent = new LiveTraffic.Sent(300, 3, 100.0,
        Map.of("bench-breach-00000", 1_000L, "bench-breach-00001", 2_000L, "bench-breach-00002", 3_000L));
    Map<String, OutputWatch.Seen> seen = Map.of(
        "bench-breach-00000", new OutputWatch.Seen(1_050, 1_250),
        "bench-breach-00002", new OutputWatch.Seen(3_400, 3_500),
        "ep-00001", new OutputWatch.Seen(9_999, 9_999));

    LatencyResult result = LatencyBench.result(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, sent, seen);

    assertThat(result.breachesSent()).isEqualTo(3);
    assertThat(result.matched()).as("the second breach's alert never came").isEqualTo(2);
    assertThat(result.appendToAppend()).isEqualTo(new Percentiles(2, 50, 400, 400, 400));
    assertThat(result.appendToVisible()).isEqualTo(new Percentiles(2, 250, 500, 500, 500));
  }

  @Test
  void theLatencyReportShowsBothAppsSideBySide() {
    LatencyBench.Load load =
        new LatencyBench.Load(1000, 5000, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(200), 3);
    LatencyResult baseline = new LatencyResult(AppKind.BASELINE, Guarantee.EXACTLY_ONCE, 300, 300, 300_300, 5005,
        new Percentiles(300, 12, 40, 80, 95), new Percentiles(300, 110, 190, 230, 250));
    LatencyResult burnrate = new LatencyResult(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, 300, 299, 300_300, 4990,
        new Percentiles(299, 150, 700, 1500, 1900), new Percentiles(299, 260, 800, 1700, 2100));
    LatencyReport report = new LatencyReport(conditions(1000), load, List.of(baseline, burnrate));

    String text = report.text();
    assertThat(text).contains("5,000 events/s for 60 s over 1,000 endpoints", "every 200 ms", "LogAppendTime",
        "guarantee exactly_once_v2", "Kafka 4.3.1", "the same load for 10 s before, not measured");
    assertThat(text).containsPattern("pass-through append -> append\\s+12\\s+40\\s+80\\s+95\\s+300/300\\s+5,005");
    assertThat(text).containsPattern("Burnrate append -> visible\\s+260\\s+800\\s+1700\\s+2100\\s+299/300\\s+4,990");
    JsonNode json = report.json(new ObjectMapper());
    assertThat(json.path("mode").asText()).isEqualTo("latency");
    assertThat(json.path("load").path("events_per_second").asInt()).isEqualTo(5000);
    assertThat(json.path("load").path("warm_up_seconds").asInt()).isEqualTo(10);
    assertThat(json.path("apps").get(1).path("append_to_append_ms").path("p99").asLong()).isEqualTo(1500);
    assertThat(json.path("apps").get(1).path("matched").asLong()).isEqualTo(299);
  }

  private static ScaleBench.Step step(int endpoints, long liveHeap, long state) {
    PreparedInput input = new PreparedInput(new BenchTopics("bench-x.").inputs("scale-" + endpoints), 3, endpoints,
        Map.of(), Map.of("inference.requests", 1_000L), endpoints, Instant.EPOCH, Instant.EPOCH.plusSeconds(3600));
    RunResult run = new RunResult(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, 1, 1_000,
        Map.of("cost.alerts", 4L, "burnrate.dlq", 0L), 100, 500, 600, 250_000_000L, 400L << 20, liveHeap, state,
        CpuBreakdown.NONE);
    return new ScaleBench.Step(input, run);
  }

  @Test
  void theScaleReportShowsHowHeapAndStateGrewFromTheFirstStepToTheLast() {
    ScaleReport report = new ScaleReport(conditions(1000),
        List.of(step(1_000, 100L << 20, 10L << 20), step(10_000, 110L << 20, 40L << 20),
            step(100_000, 115L << 20, 200L << 20)));

    assertThat(report.liveHeapGrowth()).isCloseTo(0.15, within(1e-9));
    assertThat(report.stateGrowth()).isCloseTo(19.0, within(1e-9));
    String text = report.text();
    assertThat(text).containsPattern("100,000\\s+1,000\\s+2,000\\s+0\\.5\\s+250\\s+400\\s+115\\.0\\s+200\\.0\\s+4");
    assertThat(text).contains("from 1,000 to 100,000 endpoints: live heap +15 %, state on disk +1900 %");
    JsonNode json = report.json(new ObjectMapper());
    assertThat(json.path("mode").asText()).isEqualTo("scale");
    assertThat(json.path("steps")).hasSize(3);
    assertThat(json.path("steps").get(2).path("endpoints").asInt()).isEqualTo(100_000);
    assertThat(json.path("steps").get(2).path("state_bytes").asLong()).isEqualTo(200L << 20);
    assertThat(json.path("live_heap_growth").asDouble()).isCloseTo(0.15, within(1e-9));
  }
}
