package io.burnrate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.TopicNames;
import io.burnrate.core.Time;
import io.burnrate.engine.EndpointEngine;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.Events;
import io.burnrate.engine.MinuteBucket;
import io.burnrate.engine.Outcome;
import io.burnrate.engine.StateCodec;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.JsonSerde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmarks measure what they claim: real records on a warm endpoint, not an early return. */
class BenchmarkStatesTest {
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static WarmEndpoint warm;

  @BeforeAll
  static void warmUp() {
    warm = WarmEndpoint.build();
  }

  @Test
  void theWarmEndpointIsHealthyRunsReplicasAndRemembersADayOfHours() {
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);

    assertThat(state.replicas).hasSize(WarmEndpoint.REPLICAS);
    assertThat(state.minutes).hasSizeGreaterThanOrEqualTo(60);
    assertThat(state.trailingHours).hasSize(24);
    assertThat(state.days).isNotEmpty();
    assertThat(state.tracks.values()).allSatisfy(track -> assertThat(track.open).isNull());
    assertThat(warm.slices.baselines(WarmEndpoint.ENDPOINT_ID)).isNotEmpty();
    assertThat(warm.engine.nextTickNeeded(state)).isEqualTo(EndpointEngine.EVERY_STEP);
    assertThat(Time.minuteStart(warm.nextEventTime())).isEqualTo(Time.minuteStart(warm.clock));
  }

  @Test
  void theBenchmarkedRequestIsCountedInTheCurrentHour() {
    long before = StateCodecBenchmark.currentSlice(warm).requests;
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);

    Outcome outcome = warm.engine.onRequest(
        state, warm.settings, Events.of(RulePathBenchmark.nextRequest(warm)), warm.slices, false);

    SliceStats after = StateCodecBenchmark.currentSlice(warm);
    assertThat(after.requests).isEqualTo(before + 1);
    assertThat(outcome.changedHours).contains(Time.hourStart(warm.nextEventTime()));
    assertThat(state.clock).isEqualTo(warm.nextEventTime());
  }

  @Test
  void theBenchmarkedScaleUpStartsOneMoreReplica() {
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);

    warm.engine.onReplica(state, warm.settings, Events.of(RulePathBenchmark.nextScaleUp(warm)), warm.slices, false);

    assertThat(state.replicas).hasSize(WarmEndpoint.REPLICAS + 1);
    assertThat(state.replicaCount).isEqualTo(WarmEndpoint.REPLICAS + 1);
  }

  @Test
  void theBenchmarkedTickMetersTheRunningReplicaIntoTheNextMinute() {
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);
    long boundary = EngineMinuteBenchmark.nextBoundary(warm);
    long lastMinute = Time.minuteStart(warm.clock);
    MinuteBucket lastBucket = state.minutes.get(lastMinute);
    long meteredBefore = lastBucket == null ? 0 : lastBucket.metered[Category.COMPUTE];

    Outcome outcome = warm.engine.onTick(state, warm.settings, boundary, warm.slices, false);

    assertThat(state.clock).isEqualTo(boundary);
    assertThat(state.meteredUntil).isEqualTo(boundary);
    assertThat(outcome.changedHours).contains(Time.hourStart(boundary));
    assertThat(state.minutes.get(lastMinute).metered[Category.COMPUTE]).isGreaterThan(meteredBefore);
  }

  @Test
  void theBenchmarkedBusyMinuteCountsEachOfItsRequests() {
    long before = StateCodecBenchmark.currentSlice(warm).requests;
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);
    long boundary = EngineMinuteBenchmark.nextBoundary(warm);

    warm.engine.onTick(state, warm.settings, boundary, warm.slices, false);
    for (Events.Request request : EngineMinuteBenchmark.minuteOfRequests(warm)) {
      warm.engine.onRequest(state, warm.settings, request, warm.slices, false);
    }

    assertThat(Time.hourStart(boundary)).isEqualTo(Time.hourStart(warm.clock));
    assertThat(StateCodecBenchmark.currentSlice(warm).requests)
        .isEqualTo(before + EngineMinuteBenchmark.REQUESTS_PER_MINUTE);
    assertThat(state.minutes.get(boundary).requests).isEqualTo(EngineMinuteBenchmark.REQUESTS_PER_MINUTE);
  }

  @Test
  void theSerdeBenchmarkDecodesItsInputsAndEncodesReadableOutputs() {
    WireSerdeBenchmark serdes = new WireSerdeBenchmark();
    serdes.setUp();

    assertThat(serdes.requests.deserialize(TOPICS.requests(), serdes.requestBytes)).isEqualTo(WireRecords.request());
    assertThat(serdes.replicas.deserialize(TOPICS.replicas(), serdes.replicaBytes))
        .isEqualTo(WireRecords.replicaEvent());
    assertThat(serdes.bills.deserialize(TOPICS.billing(), serdes.billBytes)).isEqualTo(WireRecords.billingEvent());
    assertThat(new AvroWireDeserializer<>(serdes.registry, CostAlert.class)
        .deserialize(TOPICS.alerts(), serdes.alerts.serialize(TOPICS.alerts(), serdes.alert)))
        .isEqualTo(serdes.alert);
    assertThat(new AvroWireDeserializer<>(serdes.registry, ScalingCommand.class)
        .deserialize(TOPICS.commands(), serdes.commands.serialize(TOPICS.commands(), serdes.command)))
        .isEqualTo(serdes.command);
    assertThat(JsonSerde.forMaps().deserializer().deserialize(TOPICS.hourlyMetrics(),
        serdes.metrics.serialize(TOPICS.hourlyMetrics(), serdes.hourlyMetrics)))
        .containsEntry("endpoint_id", "llama-eu")
        .containsEntry("requests", 900)
        .containsKey("p95_latency_ms");
  }
}
