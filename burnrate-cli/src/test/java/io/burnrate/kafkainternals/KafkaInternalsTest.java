package io.burnrate.kafkainternals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.AbstractStoreBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Burnrate relies on in Kafka Streams' internals, shown on the real library. On a Kafka upgrade
 * the first test fails on purpose: run the others, check what its message lists, then update {@link
 * #CHECKED_WITH}.
 */
class KafkaInternalsTest {
  static final String CHECKED_WITH = "4.3.1";

  @Test
  void theInternalsWereCheckedWithTheKafkaVersionOnTheClasspath() {
    assertThat(AppInfoParser.getVersion())
        .as("""
            Kafka is now %s; io.burnrate.kafkainternals was checked with %s. Before updating CHECKED_WITH, check:
             1. WrappedStateStore still exists, is still extended by the stores Kafka Streams builds, and
                still gets flushCache before every commit and clearCache when a task is handed over or
                aborted (CommitAwareStore; the tests below, WriteBehindStoresTest, EventOrderTopologyTest
                and the fault tests show it);
             2. Topology still has the protected internalTopologyBuilder, and addInternalTopic with
                InternalTopicProperties.empty() still declares a repartition topic named
                <application.id>-<name>, created at start-up and known to the reset tool
                (RepartitioningTopology; the test below and TopologySnapshotTest show it).""",
            AppInfoParser.getVersion(), CHECKED_WITH)
        .isEqualTo(CHECKED_WITH);
  }

  @Test
  void aCommitAwareStoreWritesBeforeEachCommitAndDropsWhatNoCommitTook(@TempDir Path stateDir) {
    List<String> calls = new ArrayList<>();
    RepartitioningTopology topology = new RepartitioningTopology();
    topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "input");
    topology.addProcessor("keep", () -> new Processor<String, String, Void, Void>() {
      @Override
      public void process(Record<String, String> record) {
        calls.add("process " + record.value());
      }
    }, "in");
    topology.addStateStore(recordingStore(calls), "keep");

    try (TopologyTestDriver driver = new TopologyTestDriver(topology, properties("internals-store", stateDir))) {
      var input = driver.createInputTopic("input", new StringSerializer(), new StringSerializer());
      input.pipeInput("k", "a");
      input.pipeInput("k", "b");
    }

    assertThat(calls).containsSubsequence("dropUncommitted", "process a", "beforeCommit", "process b",
        "beforeCommit", "dropUncommitted");
    assertThat(calls.get(0)).as("a store opened (or revived) starts from what was committed").isEqualTo("dropUncommitted");
  }

  @Test
  void aDeclaredRepartitionTopicIsNamedAfterTheApplication(@TempDir Path stateDir) {
    RepartitioningTopology topology = new RepartitioningTopology();
    topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "input");
    topology.addSink("to-repartition", "by-region", new StringSerializer(), new StringSerializer(), "in");
    topology.addSource("from-repartition", new StringDeserializer(), new StringDeserializer(), "by-region");
    topology.addSink("out", "output", new StringSerializer(), new StringSerializer(), "from-repartition");
    topology.addRepartitionTopic("by-region");

    try (TopologyTestDriver driver = new TopologyTestDriver(topology, properties("internals-app", stateDir))) {
      driver.createInputTopic("input", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");

      assertThat(driver.producedTopicNames()).contains("internals-app-by-region", "output");
      assertThat(driver.createOutputTopic("output", new StringDeserializer(), new StringDeserializer())
          .readKeyValue().value).isEqualTo("v");
    }
  }

  private static StoreBuilder<RecordingStore> recordingStore(List<String> calls) {
    StoreBuilder<KeyValueStore<Bytes, byte[]>> inner = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("recorded"), Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled();
    StoreBuilder<RecordingStore> builder =
        new AbstractStoreBuilder<Bytes, byte[], RecordingStore>("recorded", Serdes.Bytes(), Serdes.ByteArray(), Time.SYSTEM) {
          @Override
          public RecordingStore build() {
            return new RecordingStore(inner.build(), calls);
          }
        };
    builder.withLoggingDisabled();
    return builder;
  }

  private static Properties properties(String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return props;
  }

  private static final class RecordingStore extends CommitAwareStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]> {
    private final List<String> calls;

    RecordingStore(KeyValueStore<Bytes, byte[]> inner, List<String> calls) {
      super(inner);
      this.calls = calls;
    }

    @Override
    protected void beforeCommit() {
      calls.add("beforeCommit");
    }

    @Override
    protected void dropUncommitted() {
      calls.add("dropUncommitted");
    }
  }
}
