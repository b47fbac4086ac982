package io.burnrate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.local.TestDirectories;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams names a store's metrics the same whatever the store, but tags them with the store's
 * scope in the tag key ({@code rocksdb-state-id} for a key-value store, {@code rocksdb-window-state-id}
 * for a window store). Both kinds must reach the Prometheus registry through {@link MeterBindings},
 * without the registry refusing either.
 */
class KafkaStoreMetersTest {
  private static final String KEY_VALUE_STORE = "kv-totals";
  private static final String WINDOW_STORE = "window-recent";
  private static final Pattern SAMPLE = Pattern.compile("^(kafka_stream_state_\\w+)\\{([^}]*)\\}", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<String> refused = new ArrayList<>();
  private Path driverDir;
  private Path streamsDir;
  private TopologyTestDriver driver;
  private KafkaStreams streams;

  @BeforeEach
  void start() {
    meters.config().onMeterRegistrationFailed((id, reason) -> refused.add(id + ": " + reason));
    driverDir = TestDirectories.create("burnrate-store-meters-driver-");
    streamsDir = TestDirectories.create("burnrate-store-meters-streams-");
    Topology topology = topology();
    driver = new TopologyTestDriver(topology, properties(driverDir), Instant.parse("2026-01-01T00:00:00Z"));
    TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    in.pipeInput("a", "1");
    in.pipeInput("b", "2");
    // Never started: it only hands the driver's metrics, stores included, to the binding.
    Properties streamsProps = properties(streamsDir);
    streamsProps.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 0);
    streams = new KafkaStreams(topology, streamsProps) {
      @Override
      public Map<MetricName, ? extends Metric> metrics() {
        return driver.metrics();
      }
    };
  }

  @AfterEach
  void stop() {
    try {
      streams.close(Duration.ofSeconds(5));
      driver.close();
    } finally {
      TestDirectories.deleteRecursively(driverDir);
      TestDirectories.deleteRecursively(streamsDir);
    }
  }

  @Test
  void keyValueAndWindowStoreMetricsBothReachPrometheusUnderTheSameLabels() throws Exception {
    AutoCloseable binding = MeterBindings.bindKafkaStreams(streams, meters);

    String scrape = meters.scrape();
    Map<String, Set<String>> storesPerMetric = new HashMap<>();
    Map<String, Set<Set<String>>> labelKeysPerMetric = new HashMap<>();
    Matcher sample = SAMPLE.matcher(scrape);
    while (sample.find()) {
      Set<String> keys = new HashSet<>();
      Matcher label = LABEL.matcher(sample.group(2));
      while (label.find()) {
        keys.add(label.group(1));
        if (label.group(2).equals(KEY_VALUE_STORE) || label.group(2).equals(WINDOW_STORE)) {
          storesPerMetric.computeIfAbsent(sample.group(1), k -> new HashSet<>()).add(label.group(2));
        }
      }
      labelKeysPerMetric.computeIfAbsent(sample.group(1), k -> new HashSet<>()).add(keys);
    }

    assertThat(refused).as("meters the registry refused").isEmpty();
    assertThat(storesPerMetric.values().stream().anyMatch(s -> s.contains(KEY_VALUE_STORE)))
        .as("a key-value store metric in\n" + scrape).isTrue();
    assertThat(storesPerMetric.values().stream().anyMatch(s -> s.contains(WINDOW_STORE)))
        .as("a window store metric in\n" + scrape).isTrue();
    assertThat(storesPerMetric).as("metrics of both stores under one name")
        .containsValue(Set.of(KEY_VALUE_STORE, WINDOW_STORE));
    assertThat(labelKeysPerMetric.values()).as("label keys per metric").allSatisfy(k -> assertThat(k).hasSize(1));
    assertThat(scrape)
        .contains("store_scope=\"rocksdb\"")
        .contains("store_scope=\"rocksdb-window\"")
        .contains("state_id=\"" + KEY_VALUE_STORE + "\"")
        .contains("state_id=\"" + WINDOW_STORE + "\"");

    binding.close();
    assertThat(meters.scrape()).as("store metrics once the binding is closed").doesNotContain("kafka_stream_state_");
  }

  private static Topology topology() {
    Topology topology = new Topology();
    topology.addSource("source", new StringDeserializer(), new StringDeserializer(), "in");
    topology.addProcessor("both-stores", BothStores::new, "source");
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(KEY_VALUE_STORE), Serdes.String(), Serdes.String()), "both-stores");
    topology.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(WINDOW_STORE, Duration.ofHours(1), Duration.ofMinutes(1), false),
        Serdes.String(), Serdes.String()), "both-stores");
    return topology;
  }

  private static Properties properties(Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-meters");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return props;
  }

  private static final class BothStores implements Processor<String, String, Void, Void> {
    private KeyValueStore<String, String> totals;
    private WindowStore<String, String> recent;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      totals = context.getStateStore(KEY_VALUE_STORE);
      recent = context.getStateStore(WINDOW_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      totals.put(record.key(), record.value());
      recent.put(record.key(), record.value(), record.timestamp());
    }
  }
}
