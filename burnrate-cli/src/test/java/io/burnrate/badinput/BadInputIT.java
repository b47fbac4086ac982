package io.burnrate.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.app.BurnrateApp;
import io.burnrate.app.StreamsRunner;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.local.TestDirectories;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.JsonSerde;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.topology.DeadLetters;
import io.burnrate.topology.PipelineMetrics;
import io.burnrate.topology.StoreNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9's bad input, exhaustively, on the real broker and registry: every case of
 * {@link BadInputCatalog} is produced as is to its input topic while one pipeline runs; each bad one
 * reaches {@code burnrate.dlq} byte for byte with its reason and is counted per topic and reason, the
 * ones the contract accepts are processed, and afterwards a runaway scale-up still alerts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final String APPLICATION_ID = "bad-input";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
  /** Whole hours, so that the accepted bill (the hour before) lies in one hour; recent enough to be live. */
  private static final Instant AT = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.HOURS);

  private final List<BadCase> cases = new ArrayList<>();
  private final Map<String, BadCase> casesBySource = new HashMap<>();
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Path stateDir;
  private StreamsRunner runner;
  private Admin admin;
  private Outputs out;

  /** What the pipeline wrote, read as a subscriber does (read_committed). */
  private record Outputs(
      List<ConsumerRecord<byte[], byte[]>> deadLetters, List<CostAlert> alerts, List<ScalingCommand> commands,
      List<Map<String, Object>> metrics) {}

  @BeforeAll
  @Timeout(240)
  void throwEveryCaseAtTheRunningPipeline() throws Exception {
    SchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(LOCAL.registryUrl()));
    cases.addAll(new BadInputCatalog(new WireBytes(registry), TOPICS, AT).build());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers()));
    startPipeline(registry);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      List<RecordMetadata> sent = send(producer, cases.stream()
          .map(c -> record(c.topic(), c.key(), c.value())).toList());
      for (int i = 0; i < cases.size(); i++) {
        casesBySource.put(source(sent.get(i).topic(), sent.get(i).partition(), sent.get(i).offset()), cases.get(i));
      }
      awaitCaughtUp();
      ReplicaEvent runaway = ReplicaEvent.newBuilder(new ValidRecords().replica(BadInputCatalog.BREACH_ENDPOINT,
              AT.plus(Duration.ofMinutes(1))))
          .setType(ReplicaEventType.SCALE_UP).setReplicasAfter(9).build();
      send(producer, List.of(record(TOPICS.replicas(), BadInputCatalog.BREACH_ENDPOINT,
          new WireBytes(registry).encode(TOPICS.replicas(), runaway))));
      awaitCaughtUp();
    }
    out = readOutputs(registry);
    long deadLettered = cases.stream().filter(BadCase::deadLettered).count();
    System.out.printf("bad-input: %d cases tried on %d topics, %d dead-lettered, %d accepted by contract%n",
        deadLettered, cases.stream().map(BadCase::topic).distinct().count(),
        out.deadLetters().stream().filter(r -> casesBySource.containsKey(sourceOf(r))).count(),
        cases.size() - deadLettered);
  }

  @AfterAll
  void stop() {
    try {
      if (runner != null) {
        runner.close();
      }
    } finally {
      if (admin != null) {
        admin.close(ADMIN_TIMEOUT);
      }
      TestDirectories.deleteRecursively(stateDir);
    }
  }

  @Test
  void everyBadCaseIsDeadLetteredByteForByteWithItsReason() {
    List<BadCase> bad = cases.stream().filter(BadCase::deadLettered).toList();
    assertThat(bad).hasSizeGreaterThan(100);
    assertThat(out.deadLetters()).as("dead letters, one per bad case").hasSameSizeAs(bad);
    Map<String, ConsumerRecord<byte[], byte[]>> letters = new HashMap<>();
    out.deadLetters().forEach(r -> letters.put(sourceOf(r), r));
    casesBySource.forEach((source, expected) -> {
      ConsumerRecord<byte[], byte[]> letter = letters.get(source);
      if (!expected.deadLettered()) {
        assertThat(letter).as("%s is not dead-lettered", expected).isNull();
        return;
      }
      assertThat(letter).as("dead letter of %s", expected).isNotNull();
      assertThat(letter.key()).as("key of %s", expected).isEqualTo(expected.key().getBytes(StandardCharsets.UTF_8));
      assertThat(letter.value()).as("value of %s", expected).isEqualTo(expected.value());
      assertThat(header(letter, DeadLetters.REASON)).as("reason of %s", expected).isEqualTo(expected.reason());
      assertThat(header(letter, DeadLetters.MESSAGE)).as("message of %s", expected).isNotBlank();
      assertThat(header(letter, DeadLetters.EXCEPTION)).as("exception of %s", expected).isNotBlank();
    });
  }

  @Test
  void everyDeadLetterIsCountedPerTopicAndReason() {
    Map<String, Long> expected = cases.stream().filter(BadCase::deadLettered)
        .collect(Collectors.groupingBy(c -> c.topic() + " " + reasonTag(c.reason()), TreeMap::new,
            Collectors.counting()));
    Map<String, Long> counted = new TreeMap<>();
    for (Counter counter : meters.find("burnrate.dead.letters").counters()) {
      counted.put(counter.getId().getTag("topic") + " " + counter.getId().getTag("reason"), (long) counter.count());
    }
    assertThat(counted).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(expected).containsKeys(TOPICS.requests() + " decode", TOPICS.replicas() + " invalid",
        TOPICS.billing() + " invalid", TOPICS.endpointConfig() + " decode");
    long invalidRequests = expected.get(TOPICS.requests() + " invalid");
    assertThat(meters.scrape()).contains(
        "burnrate_dead_letters_total{reason=\"invalid\",topic=\"" + TOPICS.requests() + "\"} " + invalidRequests + ".0");
  }

  @Test
  void aBillWithACategoryNewerThanThePipelineCountsAsSpend() {
    Map<String, Object> hour = null;
    for (Map<String, Object> m : out.metrics()) {
      if (BadInputCatalog.BILLED_ENDPOINT.equals(m.get("endpoint_id"))) {
        hour = m;
      }
    }
    assertThat(hour).as("metrics of %s", BadInputCatalog.BILLED_ENDPOINT).isNotNull();
    assertThat(((Number) hour.get("timestamp")).longValue()).isEqualTo(AT.minus(Duration.ofHours(1)).toEpochMilli());
    assertThat(((Number) hour.get("billed_usd")).doubleValue()).isEqualTo(BadInputCatalog.UNKNOWN_CATEGORY_USD);
    assertThat(((Number) hour.get("spend_usd")).doubleValue()).isEqualTo(BadInputCatalog.UNKNOWN_CATEGORY_USD);
  }

  @Test
  void afterAllOfItTheRunningPipelineStillAlertsOnARunawayScaleUp() {
    assertThat(runner.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    assertThat(out.alerts())
        .filteredOn(a -> a.getEndpointId().equals(BadInputCatalog.BREACH_ENDPOINT))
        .singleElement()
        .satisfies(alert -> {
          assertThat(alert.getRule()).isEqualTo(AlertRule.RUNAWAY_SCALING);
          assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
          assertThat(alert.getObserved()).isEqualTo(9.0);
          assertThat(alert.getThreshold()).as("expected_max_replicas of its config").isEqualTo(4.0);
          assertThat(alert.getOwner()).as("owner from the config with the newer criticality")
              .isEqualTo("team-" + BadInputCatalog.BREACH_ENDPOINT);
        });
    assertThat(out.commands()).as("the unknown criticality read as CRITICAL: never scaled")
        .noneMatch(c -> c.getEndpointId().equals(BadInputCatalog.BREACH_ENDPOINT));
  }

  @Test
  void stateIsInRocksDbOnDiskAndTheDeDuplicationStoreExpires() throws Exception {
    Set<String> onDisk;
    try (Stream<Path> files = Files.walk(stateDir)) {
      onDisk = files.filter(Files::isDirectory)
          .filter(dir -> hasRocksDbFiles(dir))
          .map(dir -> dir.getFileName().toString().replaceFirst("\\.\\d+$", ""))
          .collect(Collectors.toSet());
    }
    List<String> stores = List.of(StoreNames.ENDPOINT_STATE, StoreNames.ENDPOINT_SLICES, StoreNames.ENDPOINT_CONFIG,
        StoreNames.LINE_ITEMS, StoreNames.METRICS_PENDING, StoreNames.SEEN_EVENT_IDS, StoreNames.ENDPOINT_BASELINES,
        StoreNames.TASK_CLOCK, StoreNames.ACTIVE_ALERTS, StoreNames.REGIONAL_HOURS, StoreNames.REGIONAL_EPISODES);
    assertThat(onDisk).as("RocksDB directories under %s", stateDir).containsAll(stores);

    ConfigResource seen = new ConfigResource(ConfigResource.Type.TOPIC,
        APPLICATION_ID + "-" + StoreNames.SEEN_EVENT_IDS + "-changelog");
    Config config = admin.describeConfigs(List.of(seen)).all().get(10, TimeUnit.SECONDS).get(seen);
    BurnrateConfig defaults = BurnrateConfig.of(Map.of());
    long idRetention = defaults.getLong(BurnrateConfig.GRACE_EVENTS) + Duration.ofHours(1).toMillis();
    assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).contains(TopicConfig.CLEANUP_POLICY_DELETE);
    assertThat(Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value()))
        .as("the ids' retention plus the changelog's additional day")
        .isEqualTo(idRetention + Duration.ofDays(1).toMillis());
  }

  // ---- the pipeline ----

  private void startPipeline(SchemaRegistryClient registry) {
    stateDir = TestDirectories.create("burnrate-bad-input-");
    BurnrateConfig config = BurnrateConfig.of(Map.of(
        "bootstrap.servers", LOCAL.bootstrapServers(),
        BurnrateConfig.REGISTRY_URL, LOCAL.registryUrl(),
        "application.id", APPLICATION_ID,
        "state.dir", stateDir.toString(),
        BurnrateConfig.METRICS_INTERVAL, "200",
        BurnrateConfig.REPLAY_LAG, "0"));
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(meters), Clock.systemUTC());
    runner = new StreamsRunner(app.topology(), app.streamsProperties(), Duration.ofSeconds(30), state -> { });
    runner.start();
    await("pipeline running").atMost(TIMEOUT).until(() -> runner.streams().state() == KafkaStreams.State.RUNNING);
  }

  /** Waits until the pipeline has committed (with its outputs, under exactly-once) every input record. */
  private void awaitCaughtUp() {
    List<String> inputs = List.of(TOPICS.requests(), TOPICS.replicas(), TOPICS.billing(), TOPICS.endpointConfig());
    await("pipeline caught up with " + inputs).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(runner.streams().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
          .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(inputs).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .values().forEach(d -> d.partitions().forEach(
              p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      var ends = admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return ends.entrySet().stream().allMatch(end -> {
        OffsetAndMetadata done = committed.get(end.getKey());
        return (done == null ? 0 : done.offset()) >= end.getValue().offset();
      });
    });
  }

  // ---- producing and reading ----

  private KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static List<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer,
      List<ProducerRecord<byte[], byte[]>> records) throws InterruptedException {
    var acks = records.stream().map(producer::send).toList();
    producer.flush();
    List<RecordMetadata> sent = new ArrayList<>();
    for (int i = 0; i < acks.size(); i++) {
      try {
        sent.add(acks.get(i).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the broker did not take record " + i + " for " + records.get(i).topic(), e);
      }
    }
    return sent;
  }

  /** Reads the outputs until the breach's alert is there and every bad case's dead letter. */
  private Outputs readOutputs(SchemaRegistryClient registry) {
    AvroWireDeserializer<CostAlert> alerts = new AvroWireDeserializer<>(registry, CostAlert.class);
    AvroWireDeserializer<ScalingCommand> commands = new AvroWireDeserializer<>(registry, ScalingCommand.class);
    var metricsReader = JsonSerde.forMaps().deserializer();
    Outputs read = new Outputs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    long expectedLetters = cases.stream().filter(BadCase::deadLettered).count();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(TOPICS.deadLetters(), TOPICS.alerts(), TOPICS.commands(), TOPICS.hourlyMetrics())) {
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await("dead letters, the breach's alert and the bill's metrics").atMost(TIMEOUT)
          .pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
              if (r.topic().equals(TOPICS.deadLetters())) {
                read.deadLetters().add(r);
              } else if (r.topic().equals(TOPICS.alerts())) {
                read.alerts().add(alerts.deserialize(r.topic(), r.value()));
              } else if (r.topic().equals(TOPICS.commands())) {
                read.commands().add(commands.deserialize(r.topic(), r.value()));
              } else {
                read.metrics().add(metricsReader.deserialize(r.topic(), r.value()));
              }
            }
            return read.deadLetters().size() >= expectedLetters
                && read.alerts().stream().anyMatch(a -> a.getEndpointId().equals(BadInputCatalog.BREACH_ENDPOINT))
                && read.metrics().stream().anyMatch(m -> BadInputCatalog.BILLED_ENDPOINT.equals(m.get("endpoint_id")));
          });
      // Anything the pipeline committed with them is there too: read to the end once more.
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await("outputs read to their end").atMost(TIMEOUT).pollInterval(Duration.ZERO).until(() -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.topic().equals(TOPICS.deadLetters())) {
            read.deadLetters().add(r);
          }
        }
        return partitions.stream().filter(p -> p.topic().equals(TOPICS.deadLetters()))
            .allMatch(p -> consumer.position(p) >= ends.get(p));
      });
    }
    return read;
  }

  private static boolean hasRocksDbFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().equals("CURRENT"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String reasonTag(String reason) {
    return reason.startsWith("invalid:") ? "invalid" : reason;
  }

  private static String source(String topic, int partition, long offset) {
    return topic + "/" + partition + "@" + offset;
  }

  private static String sourceOf(ConsumerRecord<byte[], byte[]> letter) {
    return source(header(letter, DeadLetters.TOPIC), Integer.parseInt(header(letter, DeadLetters.PARTITION)),
        Long.parseLong(header(letter, DeadLetters.OFFSET)));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
