package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.testing.Records;
import static io.burnrate.testing.Records.config;
import static io.burnrate.testing.Records.replica;
import static io.burnrate.testing.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingAction;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole pipeline on the real embedded broker and registry, with exactly-once. */
class PipelineIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  @Test
  void aDeathSpiralIsAlertedAndCommandedWhilePoisonGoesToTheDeadLetterTopic() {
    SchemaRegistryClient registry = BrokerPipeline.registry(LOCAL);
    byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
    Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
    DayScript script = new DayScript()
        .config(config("spiral").build())
        .config(config("healthy").build())
        .add(base, TopicNames.DEFAULTS.requests(), "spiral", garbage);
    for (int i = 0; i < 11; i++) {
      Instant up = base.plusSeconds(i * 120L);
      script.replica(replica("spiral", up, "r" + i, ReplicaEventType.SCALE_UP, 1).setColdStart(true).build())
          .replica(replica("spiral", up.plusSeconds(60), "r" + i, ReplicaEventType.SCALE_DOWN, 0).build())
          .request(request("healthy", up).build());
    }

    OutputReader.Outputs out;
    try (BrokerPipeline pipeline = BrokerPipeline.start(
            LOCAL, "pipeline-it", Map.of(BurnrateConfig.REPLAY_LAG, "0"), Clock.systemUTC());
        WireProducer producer = new WireProducer(LOCAL.bootstrapServers(), registry);
        OutputReader reader = new OutputReader(LOCAL.bootstrapServers(), registry)) {
      producer.sendAll(script.inArrivalOrder());
      pipeline.awaitCaughtUp(Duration.ofSeconds(90));
      out = reader.readUntilQuiet(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    assertThat(out.alerts()).filteredOn(a -> a.getRule() == AlertRule.COLD_START_FREQUENCY)
        .singleElement().satisfies(a -> assertThat(a.getEndpointId()).isEqualTo("spiral"));
    assertThat(out.alerts()).noneMatch(a -> a.getEndpointId().equals("healthy"));
    assertThat(out.commands()).singleElement().satisfies(c -> {
      assertThat(c.getAction()).isEqualTo(ScalingAction.SET_MIN_REPLICAS);
      assertThat(c.getEndpointId()).isEqualTo("spiral");
    });
    assertThat(out.deadLetters()).singleElement().satisfies(r -> {
      assertThat(r.value()).isEqualTo(garbage);
      assertThat(PipelineDriver.header(r.headers(), DeadLetters.REASON)).isEqualTo(DeadLetters.DECODE);
      assertThat(PipelineDriver.header(r.headers(), DeadLetters.TOPIC)).isEqualTo(TopicNames.DEFAULTS.requests());
    });
  }
}
