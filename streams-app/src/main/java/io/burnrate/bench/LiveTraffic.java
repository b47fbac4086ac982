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

  private final BenchCluster cluster;
  private final SchemaRegistryClient registry;
  private final BenchProgress progress;

  LiveTraffic(BenchCluster cluster, SchemaRegistryClient registry, BenchProgress progress) {
    this.cluster = cluster;
    this.registry = registry;
    this.progress = progress;
  }

  /** What was sent; {@code breachAppends} maps each breach's endpoint id to its broker append time. */
  record Sent(long events, long breaches, double achievedRate, Map<String, Long> breachAppends) {}

  Sent send(String requestsTopic, String replicasTopic, int endpoints, int rate, Duration duration,
      Duration breachEvery, int breachReplicas) throws InterruptedException {
    AvroWireSerializer<InferenceRequest> requests = new AvroWireSerializer<>(registry, InferenceRequest.class, true);
    AvroWireSerializer<ReplicaEvent> replicas = new AvroWireSerializer<>(registry, ReplicaEvent.class, true);
    Map<String, Long> appends = new ConcurrentHashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long events = 0;
    long breaches = 0;
    long start;
    long end;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      start = System.nanoTime();
      end = start + duration.toNanos();
      long nextBreach = start + breachEvery.toNanos();
      long now;
      while ((now = System.nanoTime()) < end) {
        long due = (now - start) * rate / 1_000_000_000L;
        while (events < due) {
          String endpoint = String.format(Locale.ROOT, "ep-%05d", events % endpoints);
          InferenceRequest request = request(endpoint, events);
          producer.send(new ProducerRecord<>(requestsTopic, endpoint, requests.serialize(requestsTopic, request)),
              (metadata, error) -> recordFailure(failure, error));
          events++;
        }
        if (now >= nextBreach) {
          String endpoint = String.format(Locale.ROOT, "%s%05d", BREACH_PREFIX, breaches);
          ReplicaEvent breach = breach(endpoint, breaches, breachReplicas);
          producer.send(new ProducerRecord<>(replicasTopic, endpoint, replicas.serialize(replicasTopic, breach)),
              (metadata, error) -> {
                if (error == null) {
                  appends.put(endpoint, metadata.timestamp());
                } else {
                  recordFailure(failure, error);
                }
              });
          breaches++;
          events++;
          nextBreach += breachEvery.toNanos();
        }
        if (failure.get() != null) {
          throw new KafkaException("sending live traffic to " + requestsTopic + " failed: " + failure.get().getMessage(),
              failure.get());
        }
        progress.count("live events sent", events, (long) rate * duration.toSeconds());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        if (Thread.interrupted()) {
          throw new InterruptedException("live traffic interrupted");
        }
      }
      producer.flush();
    }
    double seconds = (end - start) / 1e9;
    return new Sent(events, breaches, events / seconds, Map.copyOf(appends));
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
