package io.burnrate.bench;

import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer at a fixed rate with event time now: requests spread over the endpoints, and at fixed
 * instants a breach, a replica event that takes an endpoint of its own above its expected maximum of
 * replicas (runaway scaling, an alert on that one event). Remembers each breach's append time as the
 * broker stamped it (the topics use LogAppendTime).
 */
final class LiveTraffic {
  static final String BREACH_PREFIX = "bench-breach-";
  /** Breaches of the warm-up: sent like the others, on endpoints of their own, and never matched. */
  static final String WARM_UP_PREFIX = "bench-warm-up-";

  private final BenchCluster cluster;
  private final SchemaRegistryClient registry;
  private final BenchProgress progress;

  LiveTraffic(BenchCluster cluster, SchemaRegistryClient registry, BenchProgress progress) {
    this.cluster = cluster;
    this.registry = registry;
    this.progress = progress;
  }

  /**
   * What was sent after the warm-up; {@code breachAppends} maps each measured breach's endpoint id to its
   * broker append time.
   */
  record Sent(long events, long breaches, double achievedRate, Map<String, Long> breachAppends) {}

  /**
   * Sends for {@code warmUp} and then {@code duration}, at the same rate throughout; only what is sent
   * after the warm-up counts (the application's start-up, its first transactions and the JIT are not
   * what a steady load sees).
   */
  Sent send(String requestsTopic, String replicasTopic, int endpoints, int rate, Duration warmUp, Duration duration,
      Duration breachEvery, int breachReplicas) throws InterruptedException {
    AvroWireSerializer<InferenceRequest> requests = new AvroWireSerializer<>(registry, InferenceRequest.class, true);
    AvroWireSerializer<ReplicaEvent> replicas = new AvroWireSerializer<>(registry, ReplicaEvent.class, true);
    Map<String, Long> appends = new ConcurrentHashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long events = 0;
    long measuredEvents = 0;
    long breaches = 0;
    long measuredBreaches = 0;
    long start;
    long measureFrom;
    long end;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      start = System.nanoTime();
      measureFrom = start + warmUp.toNanos();
      end = measureFrom + duration.toNanos();
      long nextBreach = start + breachEvery.toNanos();
      long now;
      while ((now = System.nanoTime()) < end) {
        boolean measured = now >= measureFrom;
        long due = (now - start) * rate / 1_000_000_000L;
        if (measured) {
          measuredEvents += Math.max(0, due - events);
        }
        while (events < due) {
          String endpoint = String.format(Locale.ROOT, "ep-%05d", events % endpoints);
          InferenceRequest request = request(endpoint, events);
          producer.send(new ProducerRecord<>(requestsTopic, endpoint, requests.serialize(requestsTopic, request)),
              (metadata, error) -> recordFailure(failure, error));
          events++;
        }
        if (now >= nextBreach) {
          String endpoint = String.format(Locale.ROOT, "%s%05d", measured ? BREACH_PREFIX : WARM_UP_PREFIX, breaches);
          ReplicaEvent breach = breach(endpoint, breaches, breachReplicas);
          producer.send(new ProducerRecord<>(replicasTopic, endpoint, replicas.serialize(replicasTopic, breach)),
              (metadata, error) -> {
                if (error != null) {
                  recordFailure(failure, error);
                } else if (measured) {
                  appends.put(endpoint, metadata.timestamp());
                }
              });
          breaches++;
          events++;
          if (measured) {
            measuredBreaches++;
            measuredEvents++;
          }
          nextBreach += breachEvery.toNanos();
        }
        if (failure.get() != null) {
          throw new KafkaException("sending live traffic to " + requestsTopic + " failed: " + failure.get().getMessage(),
              failure.get());
        }
        progress.count("live events sent", events, (long) rate * (warmUp.toSeconds() + duration.toSeconds()));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        if (Thread.interrupted()) {
          throw new InterruptedException("live traffic interrupted");
        }
      }
      producer.flush();
    }
    double seconds = (end - measureFrom) / 1e9;
    return new Sent(measuredEvents, measuredBreaches, measuredEvents / seconds, Map.copyOf(appends));
  }

  private static void recordFailure(AtomicReference<Exception> failure, Exception error) {
    if (error != null) {
      failure.compareAndSet(null, error);
    }
  }

  private static InferenceRequest request(String endpoint, long n) {
    return InferenceRequest.newBuilder()
        .setRequestId("bench-req-" + n)
        .setEndpointId(endpoint)
        .setTimestamp(Instant.now())
        .setRegion("us-east-1")
        .setInstanceType("nvidia-l4")
        .setReplicaId(endpoint + "-r0")
        .setLatencyMs(120.0)
        .setStatusCode(200)
        .setColdStart(false)
        .setInputTokens(400)
        .setOutputTokens(200)
        .setQueueDepth(0)
        .build();
  }

  private static ReplicaEvent breach(String endpoint, long n, int replicasAfter) {
    return ReplicaEvent.newBuilder()
        .setEventId("bench-breach-event-" + n)
        .setEndpointId(endpoint)
        .setTimestamp(Instant.now())
        .setReplicaId(endpoint + "-r" + replicasAfter)
        .setType(ReplicaEventType.SCALE_UP)
        .setColdStart(false)
        .setReplicasAfter(replicasAfter)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setModelSizeGb(null)
        .setStartupMs(null)
        .build();
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    cluster.clientSettings().forEach((key, value) -> {
      if (ProducerConfig.configNames().contains(key)) {
        config.put(key, value);
      }
    });
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "burnrate-bench-live");
    return config;
  }
}
