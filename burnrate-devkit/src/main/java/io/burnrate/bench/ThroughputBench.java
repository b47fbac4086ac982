package io.burnrate.bench;

import io.burnrate.config.BurnrateConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The throughput comparison: for each guarantee, {@code repetitions} alternating runs (pass-through,
 * Burnrate, pass-through, ...) over the same prepared input.
 */
public final class ThroughputBench {
  private final RunMeasurer measurer;

  public ThroughputBench(RunMeasurer measurer) {
    this.measurer = measurer;
  }

  public ThroughputReport run(PreparedInput input, List<Guarantee> guarantees, int repetitions,
      Map<String, String> settings, boolean brokerEmbedded) throws InterruptedException {
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1, was " + repetitions);
    }
    List<RunResult> results = new ArrayList<>();
    for (Guarantee guarantee : guarantees) {
      for (int repetition = 1; repetition <= repetitions; repetition++) {
        for (AppKind app : AppKind.values()) {
          results.add(measurer.measure(app, guarantee, repetition, String.valueOf(repetition), input));
        }
      }
    }
    return new ThroughputReport(conditions(input, guarantees, repetitions, settings, brokerEmbedded), results);
  }

  /** The header's facts: this machine, the Kafka version, and the Streams settings every run used. */
  public static Conditions conditions(PreparedInput input, List<Guarantee> guarantees, int repetitions,
      Map<String, String> settings, boolean brokerEmbedded) {
    return conditions(input, guarantees, repetitions, settings, brokerEmbedded, input.simulatedSpan());
  }

  /** As above, with the input's time described by {@code simulated}. */
  static Conditions conditions(PreparedInput input, List<Guarantee> guarantees, int repetitions,
      Map<String, String> settings, boolean brokerEmbedded, String simulated) {
    var props = BurnrateConfig.of(settings).kafkaProperties();
    return new Conditions(
        Runtime.getRuntime().availableProcessors(),
        AppInfoParser.getVersion(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory(),
        brokerEmbedded,
        guarantees,
        Long.parseLong(props.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "-1")),
        Long.parseLong(props.getProperty(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "10485760")),
        Long.parseLong(props.getProperty(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0")),
        Integer.parseInt(props.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")),
        input.partitions(),
        input.endpoints(),
        input.recordsPerRole(),
        input.configRecords(),
        simulated,
        repetitions);
  }
}
