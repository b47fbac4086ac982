package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.testing.Records;
import static io.burnrate.testing.Records.T0;
import static io.burnrate.testing.Records.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.burnrate.rules.EndpointHour;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * When the regional sub-topology compares an hour: only once a record stamped later than the step
 * that closed it has arrived, so that a step closing many endpoints (or many hours after a gap) is
 * compared whole, whatever order its records came in.
 */
class RegionalCostVarianceSettleTest {
  private static final long HOUR = 3_600_000L;

  private static EndpointHour ran(String endpoint, String region, long hourStart, double usdPerHour) {
    return new EndpointHour(endpoint, hourStart, "nvidia-l4", region, null, Math.round(usdPerHour * 1_000_000),
        HOUR, 0.30);
  }

  private static TestInputTopic<String, EndpointHour> closedHours(PipelineDriver d) {
    return d.driver.createInputTopic("burnrate-" + RegionalVarianceTopology.REPARTITION_TOPIC, new StringSerializer(),
        RegionalCodec.endpointHours().serializer());
  }

  private static void send(TestInputTopic<String, EndpointHour> topic, EndpointHour hour, Instant stamp) {
    topic.pipeInput(hour.instanceType(), hour, stamp);
  }

  @Test
  void aStepIsComparedWholeOnlyOnceALaterStampHasArrived() {
    try (PipelineDriver d = new PipelineDriver()) {
      TestInputTopic<String, EndpointHour> topic = closedHours(d);
      long h00 = T0.toEpochMilli();
      // One step after a gap closes hour 00 of three endpoints. eu-west-1 as a whole costs
      // ($1.90 + $1.00) / 2 = $1.45, $1.16 at base rates: within 30 % of us-east-1. eu-1 alone would not be.
      Instant step = at("03:00");
      send(topic, ran("us", "us-east-1", h00, 1.00), step);
      send(topic, ran("eu-1", "eu-west-1", h00, 1.90), step);
      send(topic, ran("eu-2", "eu-west-1", h00, 1.00), step);
      assertThat(d.alerts()).isEmpty();

      send(topic, ran("us", "us-east-1", h00 + 3 * HOUR, 1.00), at("04:05"));
      assertThat(d.alerts()).isEmpty();

      // A revision makes eu-2 as dear as eu-1: the hour is compared again at once. Its next hour was
      // compared already (without them), so each episode covers hour 00 alone and is over at once.
      send(topic, ran("eu-2", "eu-west-1", h00, 1.90), at("04:06"));
      assertThat(d.alerts())
          .extracting(CostAlert::getEndpointId, CostAlert::getStatus, CostAlert::getDetectedAt)
          .containsExactly(
              tuple("eu-1", AlertStatus.FIRING, at("04:06")),
              tuple("eu-1", AlertStatus.RESOLVED, at("04:06")),
              tuple("eu-2", AlertStatus.FIRING, at("04:06")),
              tuple("eu-2", AlertStatus.RESOLVED, at("04:06")));
    }
  }

  @Test
  void anHourPastItsRevisionWindowIsCountedAndIgnored() {
    try (PipelineDriver d = new PipelineDriver()) {
      TestInputTopic<String, EndpointHour> topic = closedHours(d);
      long h00 = T0.toEpochMilli();
      send(topic, ran("us", "us-east-1", h00 + 60 * HOUR, 1.00), at("00:00").plusSeconds(61 * 3600L));
      send(topic, ran("us", "us-east-1", h00 + 61 * HOUR, 1.00), at("00:00").plusSeconds(62 * 3600L));
      send(topic, ran("us", "us-east-1", h00, 1.00), at("00:00").plusSeconds(62 * 3600L));
      send(topic, ran("eu", "eu-west-1", h00, 9.00), at("00:00").plusSeconds(62 * 3600L));
      send(topic, ran("us", "us-east-1", h00 + 62 * HOUR, 1.00), at("00:00").plusSeconds(63 * 3600L));
      assertThat(d.alerts()).isEmpty();
      assertThat(d.counter("burnrate.records.ignored", "why", "regional-hour-too-late")).isEqualTo(2.0);
    }
  }

  private static TestInputTopic<String, Object> upstreamRecords(PipelineDriver d) {
    return d.driver.createInputTopic("burnrate-" + RegionalVarianceTopology.REPARTITION_TOPIC, new StringSerializer(),
        RegionalCodec.repartitionValues().serializer());
  }

  private static void sendFrom(TestInputTopic<String, Object> topic, int upstream, EndpointHour hour, Instant stamp) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(RegionalVarianceProcessor.UPSTREAM_HEADER, ByteBuffer.allocate(4).putInt(upstream).array());
    topic.pipeInput(new TestRecord<>(hour.instanceType(), hour, headers, stamp));
  }

  private static void progress(TestInputTopic<String, Object> topic, int upstream, Instant upTo) {
    topic.pipeInput(new TestRecord<>(null, new UpstreamProgress(upstream, upTo.toEpochMilli()), upTo));
  }

  @Test
  void anHourIsComparedOnceEveryUpstreamPartitionHasComeFarEnough() {
    try (PipelineDriver d = new PipelineDriver()) {
      TestInputTopic<String, Object> topic = upstreamRecords(d);
      long h00 = T0.toEpochMilli();
      sendFrom(topic, 0, ran("us", "us-east-1", h00, 1.00), at("01:06"));
      progress(topic, 0, at("01:06"));
      progress(topic, 1, at("01:05"));
      progress(topic, 0, at("05:00"));
      assertThat(d.alerts()).as("upstream 1 has not reached 01:11, when hour 00 settles").isEmpty();

      // Upstream 1 was behind (restoring, say): its endpoint's hour 00 still counts.
      sendFrom(topic, 1, ran("eu", "eu-west-1", h00, 2.00), at("01:07"));
      progress(topic, 1, at("01:30"));

      assertThat(d.alerts())
          .extracting(CostAlert::getEndpointId, CostAlert::getStatus, CostAlert::getDetectedAt)
          .containsExactly(tuple("eu", AlertStatus.FIRING, at("01:11")));
    }
  }

  @Test
  void anUpstreamPartitionThatSendsNothingHoldsTheComparisonBackForTheIdleTimeOnly() {
    try (PipelineDriver d = new PipelineDriver()) {
      TestInputTopic<String, Object> topic = upstreamRecords(d);
      long h00 = T0.toEpochMilli();
      sendFrom(topic, 0, ran("us", "us-east-1", h00, 1.00), at("01:06"));
      sendFrom(topic, 0, ran("eu", "eu-west-1", h00, 2.00), at("01:06"));
      progress(topic, 1, at("00:30"));
      progress(topic, 0, at("02:00"));
      assertThat(d.alerts()).isEmpty();

      d.advanceWallClock(RegionalVarianceProcessor.UPSTREAM_IDLE.plus(Duration.ofSeconds(5)));

      assertThat(d.alerts()).extracting(CostAlert::getEndpointId, CostAlert::getStatus)
          .containsExactly(tuple("eu", AlertStatus.FIRING));
    }
  }
}
