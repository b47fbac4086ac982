package io.burnrate.benchmarks;

import io.burnrate.core.Time;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.StateCodec;
import io.burnrate.meter.SliceStats;
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
 * The stored form of a warm endpoint alone: its state and its current slice (with the latency sketch),
 * encoded and decoded as the state stores do on every record. Subtracted from {@link RulePathBenchmark},
 * it leaves the engine's own share of a record.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StateCodecBenchmark {

  private EndpointState state;
  private byte[] stateBytes;
  private SliceStats slice;
  private byte[] sliceBytes;

  @Setup
  public void setUp() {
    WarmEndpoint warm = WarmEndpoint.build();
    stateBytes = warm.stateBytes;
    state = StateCodec.decodeEndpoint(stateBytes);
    slice = currentSlice(warm);
    sliceBytes = StateCodec.encode(slice);
  }

  @Benchmark
  public void encodeEndpointState(Blackhole blackhole) {
    blackhole.consume(StateCodec.encode(state));
  }

  @Benchmark
  public void decodeEndpointState(Blackhole blackhole) {
    blackhole.consume(StateCodec.decodeEndpoint(stateBytes));
  }

  @Benchmark
  public void encodeSlice(Blackhole blackhole) {
    blackhole.consume(StateCodec.encode(slice));
  }

  @Benchmark
  public void decodeSlice(Blackhole blackhole) {
    blackhole.consume(StateCodec.decodeSlice(sliceBytes));
  }

  /** The slice the warm endpoint's latest request went to. */
  static SliceStats currentSlice(WarmEndpoint warm) {
    return warm.slices.get(WarmEndpoint.ENDPOINT_ID, Time.sliceStart(warm.clock, warm.settings.zone()));
  }
}
