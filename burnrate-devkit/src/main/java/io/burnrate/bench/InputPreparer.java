package io.burnrate.bench;

import io.burnrate.config.TopicNames;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.sim.SimEvent;
import io.burnrate.sim.SimulationPlan;
import io.burnrate.sim.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the simulator's traffic once into fresh input topics, as the contract's producers would: key the
 * endpoint id, value Avro in the registry's wire format, record timestamp the record's appearance
 * (event) time. The simulated day is spread over the endpoints at the request rate that yields about
 * the wanted number of records; the run stops at exactly that many event records.
 */
public final class InputPreparer {
  /** Endpoints simulated alone to estimate the rate; each behaves as in the whole fleet. */
  private static final int SAMPLE_ENDPOINTS = 16;
  private static final double MARGIN = 1.08;

  private final BenchCluster cluster;
  private final SchemaRegistryClient registry;
  private final BenchProgress progress;

  public InputPreparer(BenchCluster cluster, SchemaRegistryClient registry, BenchProgress progress) {
    this.cluster = cluster;
    this.registry = registry;
    this.progress = progress;
  }

  /**
   * Creates the topics and fills them.
   *
   * @param records event records wanted over the three inputs (fewer only if the simulated span holds fewer)
   * @param span simulated time the traffic is spread over
   */
  public PreparedInput prepare(TopicNames topics, int partitions, int endpoints, long records, Duration span, long seed) {
    cluster.createTopics(topics.eventInputs(), partitions, Map.of());
    cluster.createTopics(List.of(topics.endpointConfig()), partitions,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    double rate = peakRateFor(endpoints, records, span, seed);
    progress.step(String.format(java.util.Locale.ROOT,
        "preparing %,d records for %,d endpoints over %s simulated (peak %.4f requests/s per endpoint)",
        records, endpoints, span, rate));
    Simulator simulator = new Simulator(plan(endpoints, span, seed, rate).topics(topics).build());
    Map<String, String> roleOf = new HashMap<>();
    TopicNames d = TopicNames.DEFAULTS;
    roleOf.put(topics.requests(), d.requests());
    roleOf.put(topics.replicas(), d.replicas());
    roleOf.put(topics.billing(), d.billing());
    Map<String, Long> perRole = new LinkedHashMap<>();
    roleOf.values().stream().sorted(java.util.Comparator.comparingInt(d.eventInputs()::indexOf))
        .forEach(role -> perRole.put(role, 0L));
    long configs = 0;
    long events = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    AtomicReference<Exception> failure = new AtomicReference<>();
    Map<Class<?>, AvroWireSerializer<SpecificRecord>> serializers = new HashMap<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      Iterator<SimEvent> each = simulator.events();
      while (each.hasNext() && events < records) {
        SimEvent event = each.next();
        byte[] value = serializerFor(serializers, event.value()).serialize(event.topic(), event.value());
        producer.send(new ProducerRecord<>(event.topic(), null, event.appearsAt(), event.key(), value),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
        String role = roleOf.get(event.topic());
        if (role == null) {
          configs++;
        } else {
          perRole.merge(role, 1L, Long::sum);
          events++;
          first = Math.min(first, event.appearsAt());
          last = Math.max(last, event.appearsAt());
          progress.count("preparing input", events, records);
        }
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new KafkaException("writing the bench input to " + topics.eventInputs() + " failed: "
          + failure.get().getMessage(), failure.get());
    }
    if (events == 0) {
      throw new IllegalStateException("the simulation produced no event records for " + endpoints + " endpoints over "
          + span + "; give more --records or a longer span");
    }
    Map<org.apache.kafka.common.TopicPartition, Long> ends = cluster.committedEndOffsets(topics.eventInputs(), partitions);
    long written = ends.values().stream().mapToLong(Long::longValue).sum();
    if (written != events) {
      throw new IllegalStateException("the input topics hold " + written + " records, " + events + " were sent: "
          + topics.eventInputs() + " must be new and empty");
    }
    progress.step(String.format(java.util.Locale.ROOT, "input ready: %,d event records %s and %,d configs",
        events, perRole, configs));
    return new PreparedInput(topics, partitions, endpoints, ends, perRole, configs, Instant.ofEpochMilli(first),
        Instant.ofEpochMilli(last));
  }

  /**
   * The weekday peak request rate per endpoint that yields about {@code records} over the span: two
   * passes over a sample of the fleet give the records that do not depend on the rate (bills, the
   * autoscaler's minimum) and those that do.
   */
  static double peakRateFor(int endpoints, long records, Duration span, long seed) {
    double seconds = span.toSeconds();
    double low = Math.min(SimulationPlan.MAX_PEAK_RATE / 4, Math.max(1e-4, records / (endpoints * seconds * 0.5)));
    double high = low * 2;
    double atLow = sampleRecords(endpoints, span, seed, low);
    double atHigh = sampleRecords(endpoints, span, seed, high);
    double perRate = (atHigh - atLow) / (high - low);
    double fixed = Math.max(0, atLow - perRate * low);
    double wanted = records * MARGIN;
    if (perRate <= 0) {
      return low;
    }
    double rate = (wanted - fixed) / perRate;
    return Math.max(1e-4, Math.min(SimulationPlan.MAX_PEAK_RATE, rate > 0 ? rate : low));
  }

  /** Event records the whole fleet would produce at {@code rate}, extrapolated from a sample of it. */
  private static double sampleRecords(int endpoints, Duration span, long seed, double rate) {
    int size = Math.min(endpoints, SAMPLE_ENDPOINTS);
    int[] sample = new int[size];
    for (int i = 0; i < size; i++) {
      sample[i] = (int) ((long) i * endpoints / size);
    }
    Simulator simulator = new Simulator(plan(endpoints, span, seed, rate).only(sample).build());
    String configTopic = simulator.plan().topics().endpointConfig();
    long count = 0;
    for (Iterator<SimEvent> each = simulator.events(); each.hasNext(); ) {
      if (!each.next().topic().equals(configTopic)) {
        count++;
      }
    }
    return (double) count * endpoints / size;
  }

  private static SimulationPlan.Builder plan(int endpoints, Duration span, long seed, double rate) {
    return SimulationPlan.builder().endpoints(endpoints).seed(seed).start(SimulationPlan.DEFAULT_START)
        .duration(span).peakRate(rate);
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
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "burnrate-bench-input");
    return config;
  }

  @SuppressWarnings("unchecked")
  private AvroWireSerializer<SpecificRecord> serializerFor(Map<Class<?>, AvroWireSerializer<SpecificRecord>> cache,
      SpecificRecord value) {
    return cache.computeIfAbsent(value.getClass(),
        type -> new AvroWireSerializer<>(registry, (Class<SpecificRecord>) type, true));
  }
}
