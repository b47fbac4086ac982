package io.burnrate.benchmarks;

import io.burnrate.engine.EndpointState;
import io.burnrate.engine.Events;
import io.burnrate.engine.Outcome;
import io.burnrate.engine.StateCodec;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One decoded input record through the endpoint processor's per-record path, on a warm endpoint: the
 * state decoded from its stored bytes, the record turned into the engine's event, the engine step
 * (metering, slices read and written through their codec, rules, alerts), the next tick the endpoint
 * needs, and the state encoded for the store. Every invocation starts from the same stored state, so
 * each measures the same record. RocksDB, the changelog and the duplicate check are not included.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RulePathBenchmark {

  private WarmEndpoint warm;
  private InferenceRequest request;
  private ReplicaEvent scaleUp;

  @Setup
  public void setUp() {
    warm = WarmEndpoint.build();
    request = nextRequest(warm);
    scaleUp = nextScaleUp(warm);
  }

  @Benchmark
  public void request(Blackhole blackhole) {
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);
    Outcome outcome = warm.engine.onRequest(state, warm.settings, Events.of(request), warm.slices, false);
    blackhole.consume(outcome);
    blackhole.consume(warm.engine.nextTickNeeded(state));
    blackhole.consume(StateCodec.encode(state));
  }

  @Benchmark
  public void replicaScaleUp(Blackhole blackhole) {
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);
    Outcome outcome = warm.engine.onReplica(state, warm.settings, Events.of(scaleUp), warm.slices, false);
    blackhole.consume(outcome);
    blackhole.consume(warm.engine.nextTickNeeded(state));
    blackhole.consume(StateCodec.encode(state));
  }

  /** A plain warm request right after the warm-up. */
  static InferenceRequest nextRequest(WarmEndpoint warm) {
    return InferenceRequest.newBuilder()
        .setRequestId("req-next")
        .setEndpointId(WarmEndpoint.ENDPOINT_ID)
        .setTimestamp(Instant.ofEpochMilli(warm.nextEventTime()))
        .setRegion(WarmEndpoint.REGION)
        .setInstanceType(WarmEndpoint.INSTANCE_TYPE)
        .setReplicaId("r-1")
        .setLatencyMs(412.5)
        .setStatusCode(200)
        .setInputTokens(1_200)
        .setOutputTokens(345)
        .setQueueDepth(2)
        .build();
  }

  /** One more replica starting cold right after the warm-up (within the expected maximum). */
  static ReplicaEvent nextScaleUp(WarmEndpoint warm) {
    return ReplicaEvent.newBuilder()
        .setEventId("ev-next")
        .setEndpointId(WarmEndpoint.ENDPOINT_ID)
        .setTimestamp(Instant.ofEpochMilli(warm.nextEventTime()))
        .setReplicaId("r-" + (WarmEndpoint.REPLICAS + 1))
        .setType(ReplicaEventType.SCALE_UP)
        .setColdStart(true)
        .setReplicasAfter(WarmEndpoint.REPLICAS + 1)
        .setInstanceType(WarmEndpoint.INSTANCE_TYPE)
        .setRegion(WarmEndpoint.REGION)
        .setModelSizeGb(14.2)
        .build();
  }
}
