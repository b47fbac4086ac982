package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.app.BurnrateApp;
import io.burnrate.app.StreamsRunner;
import io.burnrate.cli.Burnrate;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.app.ContractTopics;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.replay.GeneratedExport.AlertKey;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.JsonSerde;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.topology.DeadLetters;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burnrate replay} on the real broker and registry, with the pipeline running: a 30-day export
 * for 100 endpoints yields the daily-budget alerts the same events yield streamed live, and a second
 * replay of the same file changes nothing.
 */
class ReplayIT {
  private static final int PARTITIONS = 3;
  private static final int ENDPOINTS = 100;
  private static final int DAYS = 30;
  private static final Duration PROCESSING = Duration.ofSeconds(480);

  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension(PARTITIONS);

  private Admin admin;
  private SchemaRegistryClient registry;

  @BeforeEach
  void connect() {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers()));
    registry = new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(LOCAL.registryUrl()));
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  @Test
  void aReplayedMonthAlertsLikeTheSameEventsStreamedLiveAndReplayingItAgainChangesNothing(@TempDir Path dir)
      throws Exception {
    Instant firstDay = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS + 5));
    GeneratedExport export = new GeneratedExport(firstDay, ENDPOINTS, DAYS);
    Path csv = export.writeCsv(dir.resolve("bill-30d.csv.gz"));
    Set<AlertKey> expected = export.expectedBudgetAlerts();
    TopicNames topics = TopicNames.DEFAULTS;
    TopicNames live = liveTopics();
    new ContractTopics(admin, live).ensure(PARTITIONS);
    for (TopicNames set : List.of(topics, live)) {
      keepForever(set);
      produceConfigs(set, export);
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    try (StreamsRunner replaying = start(pipelineConfig("replay-it", topics, dir.resolve("replay-state")), meters)) {
      try (StreamsRunner streaming = start(pipelineConfig("live-it", live, dir.resolve("live-state")),
          new SimpleMeterRegistry())) {
        String firstRun = replay(csv);
        assertThat(firstRun).contains("read:     72,000 rows", "sent:     72,000 to billing.events", "rejected: 0");
        produceLive(live.billing(), export.events());
        awaitProcessed("replay-it", topics.billing());
        awaitProcessed("live-it", live.billing());
        assertThat(streaming.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }

      List<CostAlert> alerts = readAll(topics.alerts(), CostAlert.class);
      Set<AlertKey> replayed = budgetAlerts(alerts);
      assertSameAlerts("replayed", replayed, expected);
      assertSameAlerts("streamed live", budgetAlerts(readAll(live.alerts(), CostAlert.class)), replayed);
      assertThat(alerts.stream().map(GeneratedExport::key).toList()).doesNotHaveDuplicates();
      List<ScalingCommand> commands = readAll(topics.commands(), ScalingCommand.class);
      assertThat(commands).isNotEmpty().allSatisfy(c -> assertThat(c.getDryRun()).isTrue());
      Map<String, Object> finalSpend = awaitFinalMetrics(topics.hourlyMetrics(), export);

      String secondRun = replay(csv);
      assertThat(secondRun).contains("sent:     72,000 to billing.events");
      awaitProcessed("replay-it", topics.billing());
      awaitSentinelMetrics(topics, export);

      assertThat(readAll(topics.alerts(), CostAlert.class)).hasSameSizeAs(alerts);
      assertThat(latestDailySpend(topics.hourlyMetrics(), export)).isEqualTo(finalSpend);
      // Within the 48 h billing grace the line items are duplicates; before it they are late.
      long withinGrace = 49L * ENDPOINTS;
      assertThat(counter(meters, "burnrate.records.duplicate", topics.billing())).isEqualTo(withinGrace);
      assertThat(lateDeadLetters(topics)).isEqualTo(72_000 - withinGrace);
      assertThat(replaying.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  @Test
  void resetApplicationRewindsTheInputsDeletesInternalTopicsAndTheLocalState(@TempDir Path stateDir)
      throws Exception {
    TopicNames topics = new TopicNames("reset.inference.requests", "reset.inference.replicas", "reset.billing.events",
        "reset.endpoint.config", "reset.cost.alerts", "reset.scaling.commands", "reset.cost.metrics.hourly",
        "reset.burnrate.dlq", "_schemas");
    new ContractTopics(admin, topics).ensure(PARTITIONS);
    String changelog = "reset-it-endpoint-state-changelog";
    admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>(topics.billing(), ("ep-" + i).getBytes(StandardCharsets.UTF_8),
            new byte[] {1}));
      }
    }
    Map<TopicPartition, Long> ends = endOffsets(topics.billing());
    commit("reset-it", ends);
    Path local = Files.createDirectories(stateDir.resolve("reset-it").resolve("0_0"));
    Files.writeString(local.resolve("store"), "state");
    List<String> reset = List.of("replay", "--reset-application", "-b", LOCAL.bootstrapServers(),
        "--set", "application.id=reset-it",
        "--set", "state.dir=" + stateDir, "--set", "burnrate.topic.requests=" + topics.requests(),
        "--set", "burnrate.topic.replicas=" + topics.replicas(), "--set", "burnrate.topic.billing=" + topics.billing(),
        "--set", "burnrate.topic.endpoint.config=" + topics.endpointConfig());

    StringWriter out = new StringWriter();
    assertThat(run(out, reset)).isZero();
    assertThat(out.toString()).contains("Preview, nothing is changed", "run again with --yes");
    assertThat(committed("reset-it", topics.billing())).isEqualTo(ends);
    assertThat(local).exists();

    List<String> confirmed = new ArrayList<>(reset);
    confirmed.add("--yes");
    assertThat(run(out, confirmed)).as("output:%n%s", out).isZero();
    assertThat(committed("reset-it", topics.billing())).allSatisfy((partition, offset) -> assertThat(offset).isZero());
    assertThat(stateDir.resolve("reset-it")).doesNotExist();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(changelog));
    assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(topics.billing());
  }

  @Test
  void stopsBeforeWritingHistoryTheTopicWouldDeleteUnlessStampedNow(@TempDir Path dir) throws Exception {
    String topic = "guard.billing.events";
    // A week's retention, as a broker's default gives (the embedded broker keeps records forever).
    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)
        .configs(java.util.Map.of("retention.ms", "604800000")))).all().get(30, TimeUnit.SECONDS);
    Instant old = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(20));
    Path csv = Exports.csv(dir, "old.csv",
        Exports.row("g1", "ep-a", old.toString(), old.plus(Duration.ofHours(1)).toString(), "1"),
        Exports.row("g2", "ep-b", old.toString(), old.plus(Duration.ofHours(1)).toString(), "1"));
    List<String> replay = List.of("replay", csv.toString(), "-b", LOCAL.bootstrapServers(), "-r", LOCAL.registryUrl(),
        "--no-progress", "--set", "burnrate.topic.billing=" + topic);

    StringWriter refused = new StringWriter();
    assertThat(run(refused, replay)).isEqualTo(1);
    assertThat(refused.toString()).contains("error: old.csv:2: usage_end " + old.plus(Duration.ofHours(1))
        + " is older than " + topic + " accepts as a record timestamp (retention.ms=604800000", "--record-time now");
    assertThat(endOffsets(topic).values()).containsOnly(0L);

    List<String> stampedNow = new ArrayList<>(replay);
    stampedNow.addAll(List.of("--record-time", "now"));
    long before = System.currentTimeMillis();
    StringWriter sent = new StringWriter();
    assertThat(run(sent, stampedNow)).as("output:%n%s", sent).isZero();
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    readToEnd(topic, records::add);
    AvroWireDeserializer<BillingEvent> values = new AvroWireDeserializer<>(registry, BillingEvent.class);
    assertThat(records).hasSize(2).allSatisfy(r -> {
      assertThat(r.timestamp()).isGreaterThanOrEqualTo(before);
      assertThat(values.deserialize(topic, r.value()).getUsageEnd()).isEqualTo(old.plus(Duration.ofHours(1)));
    });

    StringWriter missing = new StringWriter();
    List<String> noTopic = new ArrayList<>(replay);
    noTopic.addAll(List.of("--set", "burnrate.topic.billing=no.such.topic"));
    assertThat(run(missing, noTopic)).isEqualTo(1);
    assertThat(missing.toString()).contains("error: topic no.such.topic does not exist");
  }

  // ---- the pipeline ----

  /** Replayed history and its outputs carry old timestamps: keep them, as a deployment replaying history must. */
  private void keepForever(TopicNames topics) throws Exception {
    Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
    for (String topic : List.of(topics.billing(), topics.alerts(), topics.commands(), topics.hourlyMetrics(),
        topics.deadLetters())) {
      changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
          List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)));
    }
    admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
  }

  private BurnrateConfig pipelineConfig(String applicationId, TopicNames topics, Path stateDir) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "bootstrap.servers", LOCAL.bootstrapServers(),
        BurnrateConfig.REGISTRY_URL, LOCAL.registryUrl(),
        "application.id", applicationId,
        "state.dir", stateDir.toString(),
        BurnrateConfig.METRICS_INTERVAL, "1000",
        // Fewer, larger transactions: the two pipelines share two cores with the broker.
        "commit.interval.ms", "2000"));
    settings.putAll(topicSettings(topics));
    return BurnrateConfig.of(settings);
  }

  private static Map<String, String> topicSettings(TopicNames topics) {
    return Map.of(
        BurnrateConfig.TOPIC_REQUESTS, topics.requests(),
        BurnrateConfig.TOPIC_REPLICAS, topics.replicas(),
        BurnrateConfig.TOPIC_BILLING, topics.billing(),
        BurnrateConfig.TOPIC_CONFIG, topics.endpointConfig(),
        BurnrateConfig.TOPIC_ALERTS, topics.alerts(),
        BurnrateConfig.TOPIC_COMMANDS, topics.commands(),
        BurnrateConfig.TOPIC_METRICS, topics.hourlyMetrics(),
        BurnrateConfig.TOPIC_DLQ, topics.deadLetters());
  }

  private StreamsRunner start(BurnrateConfig config, SimpleMeterRegistry meters) {
    BurnrateApp app = new BurnrateApp(config, registry, new PipelineMetrics(meters), Clock.systemUTC());
    StreamsRunner runner = new StreamsRunner(app.topology(), app.streamsProperties(), Duration.ofSeconds(30), s -> { });
    runner.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> runner.streams().state() == KafkaStreams.State.RUNNING);
    return runner;
  }

  private static TopicNames liveTopics() {
    TopicNames d = TopicNames.DEFAULTS;
    return new TopicNames("live." + d.requests(), "live." + d.replicas(), "live." + d.billing(),
        "live." + d.endpointConfig(), "live." + d.alerts(), "live." + d.commands(), "live." + d.hourlyMetrics(),
        "live." + d.deadLetters(), d.schemas());
  }

  // ---- producing ----

  private String replay(Path csv) {
    StringWriter out = new StringWriter();
    int exit = run(out, List.of("replay", csv.toString(), "-b", LOCAL.bootstrapServers(), "-r", LOCAL.registryUrl(),
        "--no-progress"));
    assertThat(exit).as("exit code of burnrate replay; output:%n%s", out).isZero();
    return out.toString();
  }

  private static int run(StringWriter out, List<String> args) {
    var cli = Burnrate.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    return cli.execute(args.toArray(String[]::new));
  }

  private void produceConfigs(TopicNames topics, GeneratedExport export) {
    AvroWireSerializer<EndpointConfig> values = new AvroWireSerializer<>(registry, EndpointConfig.class, true);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (EndpointConfig config : export.configs()) {
        producer.send(new ProducerRecord<>(topics.endpointConfig(), key(config.getEndpointId()),
            values.serialize(topics.endpointConfig(), config)));
      }
    }
  }

  /** The same line items as a live producer sends them: in event-time order, stamped now. */
  private void produceLive(String topic, List<BillingEvent> events) {
    AvroWireSerializer<BillingEvent> values = new AvroWireSerializer<>(registry, BillingEvent.class, true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer())) {
      for (BillingEvent event : events) {
        producer.send(new ProducerRecord<>(topic, event.getEndpointId(), values.serialize(topic, event)));
      }
    }
  }

  /** One tiny bill for a new endpoint on each partition, at the export's end (so it is neither late nor ahead). */
  private void awaitSentinelMetrics(TopicNames topics, GeneratedExport export) throws Exception {
    Map<Integer, String> sentinels = new LinkedHashMap<>();
    for (int i = 0; sentinels.size() < PARTITIONS; i++) {
      String id = "sentinel-" + i;
      sentinels.putIfAbsent(Utils.toPositive(Utils.murmur2(key(id))) % PARTITIONS, id);
    }
    List<BillingEvent> bills = sentinels.values().stream().map(id -> BillingEvent.newBuilder()
        .setLineItemId("sentinel-line-" + id)
        .setEndpointId(id)
        .setUsageStart(export.lastHour())
        .setUsageEnd(export.end())
        .setCategory(BillingCategory.OTHER)
        .setInstanceType(null)
        .setRegion("us-east-1")
        .setQuantity(1.0)
        .setUnit("request")
        .setCostUsd(0.01)
        .build()).toList();
    produceLive(topics.billing(), bills);
    Set<String> waiting = new HashSet<>(sentinels.values());
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(topics.hourlyMetrics());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var json = JsonSerde.forMaps().deserializer();
      await().atMost(PROCESSING).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          waiting.remove(String.valueOf(json.deserialize(r.topic(), r.value()).get("endpoint_id")));
        }
        return waiting.isEmpty();
      });
    }
  }

  // ---- waiting and reading ----

  /** Until the application has committed every record of {@code topic} (exactly once: its outputs are visible). */
  private void awaitProcessed(String applicationId, String topic) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets(topic);
    await().atMost(PROCESSING).pollInterval(Duration.ofMillis(500))
        .until(() -> committed(applicationId, topic).equals(ends));
  }

  private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream()
        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private Map<TopicPartition, Long> committed(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    offsets.forEach((partition, offset) -> {
      if (partition.topic().equals(topic) && offset != null) {
        out.put(partition, offset.offset());
      }
    });
    return out;
  }

  private void commit(String group, Map<TopicPartition, Long> offsets) {
    Map<String, Object> props = new HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.commitSync(offsets.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
    }
  }

  private List<TopicPartition> partitions(String topic) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
        .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  /** Every committed record of {@code topic}, from the beginning to the current end. */
  private void readToEnd(String topic, Consumer<ConsumerRecord<String, byte[]>> each) throws Exception {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + PROCESSING.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        assertThat(System.nanoTime()).as("reading %s to its end", topic).isLessThan(deadline);
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  private <T extends org.apache.avro.specific.SpecificRecord> List<T> readAll(String topic, Class<T> type)
      throws Exception {
    AvroWireDeserializer<T> values = new AvroWireDeserializer<>(registry, type);
    List<T> records = new ArrayList<>();
    readToEnd(topic, r -> records.add(values.deserialize(r.topic(), r.value())));
    return records;
  }

  /** Set equality, failing with what is missing and what is extra (a few of each, in time order). */
  private static void assertSameAlerts(String run, Set<AlertKey> actual, Set<AlertKey> expected) {
    List<AlertKey> missing = expected.stream().filter(a -> !actual.contains(a))
        .sorted(java.util.Comparator.comparing(AlertKey::detectedAt)).toList();
    List<AlertKey> extra = actual.stream().filter(a -> !expected.contains(a))
        .sorted(java.util.Comparator.comparing(AlertKey::detectedAt)).toList();
    assertThat(missing.size() + extra.size())
        .as("%s: %d of %d daily-budget alerts missing, e.g. %s; %d extra, e.g. %s", run, missing.size(),
            expected.size(), missing.subList(0, Math.min(5, missing.size())), extra.size(),
            extra.subList(0, Math.min(5, extra.size())))
        .isZero();
  }

  private static Set<AlertKey> budgetAlerts(List<CostAlert> alerts) {
    return alerts.stream()
        .filter(a -> a.getRule().name().startsWith("DAILY_BUDGET_"))
        .map(GeneratedExport::key)
        .collect(Collectors.toSet());
  }

  /** Once every endpoint's last hour shows its whole last day: the latest daily_spend_usd of every endpoint-hour. */
  private Map<String, Object> awaitFinalMetrics(String topic, GeneratedExport export) throws Exception {
    await().atMost(PROCESSING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Map<String, Object> latest = latestDailySpend(topic, export);
      for (int e = 0; e < ENDPOINTS; e++) {
        assertThat(latest.get(hourKey(GeneratedExport.endpointId(e), export.lastHour().toEpochMilli())))
            .as("daily spend of %s in the export's last hour", GeneratedExport.endpointId(e))
            .isEqualTo(export.lastDaySpend(e));
      }
    });
    return latestDailySpend(topic, export);
  }

  private Map<String, Object> latestDailySpend(String topic, GeneratedExport export) throws Exception {
    var json = JsonSerde.forMaps().deserializer();
    Map<String, Object> latest = new HashMap<>();
    readToEnd(topic, r -> {
      Map<String, Object> m = json.deserialize(r.topic(), r.value());
      String endpoint = String.valueOf(m.get("endpoint_id"));
      if (endpoint.startsWith("fleet-")) {
        latest.put(hourKey(endpoint, ((Number) m.get("timestamp")).longValue()), m.get("daily_spend_usd"));
      }
    });
    return latest;
  }

  private static String hourKey(String endpoint, long hour) {
    return endpoint + "@" + Instant.ofEpochMilli(hour);
  }

  private long lateDeadLetters(TopicNames topics) throws Exception {
    long[] late = {0};
    readToEnd(topics.deadLetters(), r -> {
      if (topics.billing().equals(header(r, DeadLetters.TOPIC)) && DeadLetters.LATE.equals(header(r, DeadLetters.REASON))) {
        late[0]++;
      }
    });
    return late[0];
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static long counter(SimpleMeterRegistry meters, String name, String topic) {
    Counter counter = meters.find(name).tag("topic", topic).counter();
    return counter == null ? 0 : (long) counter.count();
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LOCAL.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private static byte[] key(String endpoint) {
    return endpoint.getBytes(StandardCharsets.UTF_8);
  }
}
