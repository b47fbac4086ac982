package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.bench.CpuStage.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuStageTest {
  private static final String STREAM_THREAD = "app-0b3c-StreamThread-1";

  /** A stack from its outermost frame to its innermost, as "Class.method". */
  private static List<Frame> stack(String... outermostFirst) {
    List<Frame> leafFirst = new ArrayList<>();
    for (String frame : outermostFirst) {
      int dot = frame.lastIndexOf('.');
      leafFirst.add(0, new Frame(frame.substring(0, dot), frame.substring(dot + 1)));
    }
    return leafFirst;
  }

  @Test
  void aSampleBelongsToTheInnermostBurnrateStageItIsIn() {
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "org.apache.kafka.streams.processor.internals.StreamThread.runLoop",
        "io.burnrate.topology.IngestProcessor.process",
        "io.burnrate.topology.EndpointCostProcessor.processRecord",
        "io.burnrate.engine.EndpointEngine.onRequest",
        "io.burnrate.engine.ContinuousRules.evaluateSpans",
        "io.burnrate.rules.CostPerRequestSpike.judge",
        "io.burnrate.core.Money.usd"))).as("a shared helper takes its caller's stage").isEqualTo(CpuStage.RULES);
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "io.burnrate.topology.IngestProcessor.process",
        "io.burnrate.topology.EndpointCostProcessor.processRecord",
        "io.burnrate.topology.WriteBehindCache.get",
        "io.burnrate.engine.StateCodec.decodeState"))).isEqualTo(CpuStage.STATE);
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "io.burnrate.topology.IngestProcessor.process",
        "io.burnrate.topology.EndpointCostProcessor.emit"))).isEqualTo(CpuStage.PROCESSOR);
  }

  @Test
  void kafkasOwnWorkCountsForTheBurnrateStageThatAskedForIt() {
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "io.burnrate.topology.EndpointCostProcessor.seenBefore",
        "org.apache.kafka.streams.state.internals.ChangeLoggingWindowBytesStore.put",
        "org.apache.kafka.streams.processor.internals.RecordCollectorImpl.send",
        "org.rocksdb.RocksDB.put"))).isEqualTo(CpuStage.DEDUPLICATION);
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "org.apache.kafka.streams.processor.internals.TaskManager.commit",
        "io.burnrate.kafkainternals.CommitAwareStore.flushCache",
        "io.burnrate.topology.WriteBehindCache.writeBack"))).isEqualTo(CpuStage.STATE);
  }

  @Test
  void outsideBurnrateTheInnermostClientStageCountsElseKafkaStreams() {
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "org.apache.kafka.streams.processor.internals.TaskManager.commit",
        "org.apache.kafka.streams.processor.internals.StreamsProducer.commitTransaction",
        "org.apache.kafka.clients.producer.KafkaProducer.commitTransaction"))).isEqualTo(CpuStage.COMMIT);
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "org.apache.kafka.streams.processor.internals.SinkNode.process",
        "org.apache.kafka.streams.processor.internals.RecordCollectorImpl.send",
        "org.apache.kafka.clients.producer.KafkaProducer.doSend"))).isEqualTo(CpuStage.PRODUCE);
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "org.apache.kafka.streams.processor.internals.TaskManager.commitAll",
        "org.apache.kafka.streams.processor.internals.TaskManager.commit"))).isEqualTo(CpuStage.COMMIT);
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "org.apache.kafka.streams.processor.internals.StreamThread.pollRequests",
        "org.apache.kafka.clients.consumer.internals.ClassicKafkaConsumer.poll"))).isEqualTo(CpuStage.CONSUME);
    assertThat(CpuStage.of(STREAM_THREAD, stack(
        "org.apache.kafka.streams.processor.internals.StreamThread.runLoop",
        "io.burnrate.schema.InferenceRequest.get"))).isEqualTo(CpuStage.STREAMS);
  }

  @Test
  void otherThreadsAreCountedApart() {
    assertThat(CpuStage.of("kafka-producer-network-thread | app-0b3c-StreamThread-1-producer",
        stack("java.lang.Thread.run"))).as("a stream thread's producer").isEqualTo(CpuStage.CLIENT_THREADS);
    assertThat(CpuStage.of("data-plane-kafka-request-handler-0", stack("kafka.server.KafkaApis.handle")))
        .isEqualTo(CpuStage.OTHER_THREADS);
  }
}
