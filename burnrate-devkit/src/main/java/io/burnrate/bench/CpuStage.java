package io.burnrate.bench;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a run's CPU goes, stage by stage of a record's way through the app. A stack sample belongs to
 * the innermost Burnrate stage it is in (state read inside the processor counts as state, a changelog
 * write of the de-duplication as de-duplication), else to the innermost Kafka client stage (produce,
 * consume, commit), so each sample counts once.
 */
public enum CpuStage {
  DECODE("decode", "reading the wire format of input records"),
  INGEST_CHECKS("ingest_checks", "validation and lateness checks of the ingest step"),
  EVENT_ORDER("event_order", "putting the inputs in event-time order"),
  DEDUPLICATION("deduplication", "looking up and remembering event ids"),
  PROCESSOR("processor", "the per-endpoint processor's own work: settings, tick schedule, emitting outputs"),
  ENGINE("engine", "metering, slices, minutes, days, alert lifecycle"),
  RULES("rules", "judging the rules"),
  STATE("state", "decoding, encoding and writing back state, the stores underneath"),
  PRODUCE("produce", "encoding and sending output records"),
  CONSUME("consume", "fetching input records"),
  COMMIT("commit", "offsets, transactions and the commit itself"),
  STREAMS("streams", "Kafka Streams' own work outside the stages above"),
  CLIENT_THREADS("client_threads", "the Kafka clients' network and background threads"),
  OTHER_THREADS("other_threads", "the rest of the process: the embedded broker and registry, if any, and the bench's own watch");

  /** Kafka Streams names its processing threads {@code <client id>-StreamThread-<n>}. */
  private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+");

  private final String json;
  private final String description;

  CpuStage(String json, String description) {
    this.json = json;
    this.description = description;
  }

  public String json() {
    return json;
  }

  public String description() {
    return description;
  }

  /** One frame of a sampled stack. */
  public record Frame(String className, String methodName) {}

  /**
   * The stage of one stack sample of thread {@code threadName}, frames from the innermost (leaf) to the
   * outermost.
   */
  public static CpuStage of(String threadName, List<Frame> leafFirst) {
    if (isClientThread(threadName)) {
      return CLIENT_THREADS;
    }
    if (!STREAM_THREAD.matcher(threadName).matches()) {
      return OTHER_THREADS;
    }
    CpuStage client = null;
    for (Frame frame : leafFirst) {
      if (frame.className().startsWith("io.burnrate.")) {
        CpuStage stage = burnrateStage(frame.className(), frame.methodName());
        if (stage != null) {
          return stage;
        }
      } else if (client == null) {
        client = kafkaStage(frame);
      }
    }
    return client != null ? client : STREAMS;
  }

  private static boolean isClientThread(String threadName) {
    return threadName.startsWith("kafka-producer-network-thread") || threadName.contains("consumer_background")
        || threadName.contains("heartbeat") || threadName.startsWith("kafka-coordinator");
  }

  /** The Kafka client stage a frame marks, or null. */
  private static CpuStage kafkaStage(Frame frame) {
    String c = frame.className();
    if (c.startsWith("org.apache.kafka.clients.producer.") && frame.methodName().contains("Transaction")) {
      return COMMIT; // beginning, committing, sending offsets to a transaction
    }
    if (c.startsWith("org.apache.kafka.clients.producer.")
        || c.equals("org.apache.kafka.streams.processor.internals.RecordCollectorImpl")) {
      return PRODUCE;
    }
    if (c.startsWith("org.apache.kafka.clients.consumer.")) {
      return CONSUME;
    }
    if (c.equals("org.apache.kafka.streams.processor.internals.StreamsProducer")
        || c.equals("org.apache.kafka.streams.processor.internals.TaskExecutor")
            && frame.methodName().startsWith("commit")
        || c.equals("org.apache.kafka.streams.processor.internals.TaskManager")
            && frame.methodName().startsWith("commit")) {
      return COMMIT;
    }
    return null;
  }

  private static CpuStage burnrateStage(String c, String method) {
    if (c.startsWith("io.burnrate.serde.AvroWireDeserializer") || c.startsWith("io.burnrate.topology.IngestDeserializer")
        || c.startsWith("io.burnrate.serde.BoundedDecoder")) {
      return DECODE;
    }
    if (c.startsWith("io.burnrate.serde.")) {
      return PRODUCE; // the serializers of the outputs
    }
    if (c.startsWith("io.burnrate.topology.IngestProcessor") || c.startsWith("io.burnrate.ingest.")) {
      return INGEST_CHECKS;
    }
    if (c.startsWith("io.burnrate.topology.EventOrder") || c.startsWith("io.burnrate.topology.EventInputs")
        || c.startsWith("io.burnrate.topology.FetchedProgress")) {
      return EVENT_ORDER;
    }
    if (c.startsWith("io.burnrate.topology.EndpointCostProcessor") && method.equals("seenBefore")) {
      return DEDUPLICATION;
    }
    if (c.startsWith("io.burnrate.engine.StateCodec") || c.startsWith("io.burnrate.topology.WriteBehind")
        || c.startsWith("io.burnrate.topology.StateSerdes") || c.startsWith("io.burnrate.topology.StoredAvro")
        || c.startsWith("io.burnrate.kafkainternals.")) {
      return STATE;
    }
    if (c.startsWith("io.burnrate.rules.")) {
      return RULES;
    }
    if (c.startsWith("io.burnrate.engine.") || c.startsWith("io.burnrate.meter.") || c.startsWith("io.burnrate.baseline.")
        || c.startsWith("io.burnrate.actions.")) {
      return ENGINE;
    }
    if (c.startsWith("io.burnrate.topology.EndpointCostProcessor")
        || c.startsWith("io.burnrate.topology.RegionalVarianceProcessor")) {
      return PROCESSOR;
    }
    return null; // shared helpers (core, schema) take their caller's stage
  }
}
