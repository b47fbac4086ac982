package io.burnrate.benchmarks;

import io.burnrate.core.Time;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.Events;
import io.burnrate.engine.StateCodec;
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
 * The engine's per-minute work on the warm endpoint of {@link RulePathBenchmark}: the tick at the next
 * minute boundary alone (state decoded before and encoded after, as there), and a busy minute, that
 * tick followed by a request every two seconds with the state decoded and encoded once, so that the
 * engine's steps rather than the stored form dominate.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EngineMinuteBenchmark {
  static final int REQUESTS_PER_MINUTE = 30;

  private WarmEndpoint warm;
  private long boundary;
  private Events.Request[] requests;

  @Setup
  public void setUp() {
    warm = WarmEndpoint.build();
    boundary = nextBoundary(warm);
    requests = minuteOfRequests(warm);
  }

  @Benchmark
  public void tick(Blackhole blackhole) {
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);
    blackhole.consume(warm.engine.onTick(state, warm.settings, boundary, warm.slices, false));
    blackhole.consume(warm.engine.nextTickNeeded(state));
    blackhole.consume(StateCodec.encode(state));
  }

  @Benchmark
  public void busyMinute(Blackhole blackhole) {
    EndpointState state = StateCodec.decodeEndpoint(warm.stateBytes);
    blackhole.consume(warm.engine.onTick(state, warm.settings, boundary, warm.slices, false));
    for (Events.Request request : requests) {
      blackhole.consume(warm.engine.onRequest(state, warm.settings, request, warm.slices, false));
      blackhole.consume(warm.engine.nextTickNeeded(state));
    }
    blackhole.consume(StateCodec.encode(state));
  }

  /** The first minute boundary after the warm-up. */
  static long nextBoundary(WarmEndpoint warm) {
    return Time.minuteStart(warm.clock) + Time.MINUTE_MS;
  }

  /** Plain warm requests, one every two seconds from the boundary on, within one minute. */
  static Events.Request[] minuteOfRequests(WarmEndpoint warm) {
    long boundary = nextBoundary(warm);
    Events.Request[] requests = new Events.Request[REQUESTS_PER_MINUTE];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new Events.Request(WarmEndpoint.ENDPOINT_ID, boundary + i * 2_000L, WarmEndpoint.REGION,
          WarmEndpoint.INSTANCE_TYPE, 300.0 + i, 200, false, i % 4);
    }
    return requests;
  }
}
