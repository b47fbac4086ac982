package io.burnrate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.burnrate.config.TopicNames;
import io.burnrate.local.LoopbackPorts;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.HttpSchemaRegistryClient;
import io.burnrate.serde.RegistryClientSettings;
import io.burnrate.serde.RegistryTrustStore;
import io.burnrate.serde.SchemaRegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Burnrate on a cluster that requires SASL/SCRAM-SHA-512 over TLS and a registry that requires
 * HTTPS and HTTP Basic auth, configured only by the file a user would write, run as {@code burnrate
 * run --config FILE} in its own JVM. Then every output of the run, of the help texts and of runs with
 * bad settings is searched for the secrets it was given: none may appear.
 */
class SecureClusterIT {
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  private static final Duration ALERT_WITHIN = Duration.ofSeconds(90);
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  private static final String ENDPOINT = "secure-ep";
  /** A whole day in the past: the bill lies in a closed budget day of the endpoint. */
  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

  @TempDir Path dir;
  private SecureCluster cluster;
  private final List<ChildBurnrate> children = new ArrayList<>();
  /** Everything Burnrate said during the test, by where it came from. */
  private final Map<String, String> outputs = new LinkedHashMap<>();
  /** Every secret of the test, given to Burnrate or to a client. */
  private final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void startCluster() throws Exception {
    cluster = new SecureCluster(Files.createDirectories(dir.resolve("cluster")));
    secrets.addAll(cluster.secrets());
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (ChildBurnrate child : children) {
      child.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void runsOnSaslSslWithAnHttpsRegistryAndLeaksNoSecret() throws Exception {
    int httpPort = LoopbackPorts.free();
    Map<String, String> settings = userSettings(httpPort);
    Path config = write("burnrate.properties", settings);

    ChildBurnrate run = child("run", "run", "--config", config.toString());
    SchemaRegistryClient registry = registryClient(cluster.registryPassword);
    awaitReady(run, httpPort);

    produceOverBudgetBill(registry);
    CostAlert alert = awaitAlert(registry, AlertRule.DAILY_BUDGET_120);
    assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.getObserved()).isEqualTo(300.0);

    String metrics = get("http://127.0.0.1:" + httpPort + "/metrics").body();
    assertThat(metrics).contains("burnrate_records_in_total{topic=\"billing.events\"}");
    outputs.put("/metrics", metrics);
    assertAWrongPasswordIsRefused();
    assertThat(run.stop(EXIT_WITHIN)).as("exit code after SIGTERM; stderr: %s", run.err()).isEqualTo(0);
    outputs.put("run stdout", run.out());
    outputs.put("run stderr", run.err());
    assertThat(run.err()).as("Kafka's clients printed their settings, masked")
        .contains("sasl.jaas.config = [hidden]")
        .contains("ssl.truststore.password = [hidden]")
        .contains("security.protocol = SASL_SSL");

    runWithBadSettingsAndHelp(settings, config);

    assertNoSecretIn(outputs);
  }

  /** The file a user writes: Kafka's own security keys, the registry's, Burnrate's port. Nothing else. */
  private Map<String, String> userSettings(int httpPort) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("application.id", "burnrate-secure-it");
    settings.put("bootstrap.servers", cluster.saslBootstrapServers());
    settings.put("security.protocol", "SASL_SSL");
    settings.put("sasl.mechanism", SecureCluster.MECHANISM);
    settings.put("sasl.jaas.config", cluster.jaas(cluster.kafkaPassword));
    settings.put("ssl.truststore.location", cluster.certificates.truststore().toString());
    settings.put("ssl.truststore.password", cluster.certificates.truststorePassword());
    settings.put("ssl.truststore.type", TestCertificates.TYPE);
    settings.put("schema.registry.url", cluster.registry.url());
    settings.put("schema.registry.basic.auth.user.info", SecureCluster.REGISTRY_USER + ":" + cluster.registryPassword);
    settings.put("schema.registry.ssl.truststore.location", cluster.certificates.truststore().toString());
    settings.put("schema.registry.ssl.truststore.password", cluster.certificates.truststorePassword());
    settings.put("schema.registry.ssl.truststore.type", TestCertificates.TYPE);
    settings.put("state.dir", dir.resolve("state").toString());
    settings.put("burnrate.http.port", String.valueOf(httpPort));
    return settings;
  }

  private void awaitReady(ChildBurnrate run, int httpPort) {
    try {
      await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(500))
          .failFast("burnrate run ended before it was ready", () -> !run.isAlive())
          .ignoreExceptions()
          .until(() -> get("http://127.0.0.1:" + httpPort + "/health/ready").statusCode() == 200);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "; stderr of burnrate run:\n" + run.err(), e);
    }
  }

  private void produceOverBudgetBill(SchemaRegistryClient registry) throws Exception {
    BillingEvent bill = BillingEvent.newBuilder()
        .setLineItemId("secure-line-1")
        .setEndpointId(ENDPOINT)
        .setUsageStart(DAY.plus(Duration.ofHours(10)))
        .setUsageEnd(DAY.plus(Duration.ofHours(11)))
        .setCategory(BillingCategory.COMPUTE)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setQuantity(1.0)
        .setUnit("instance-hour")
        .setCostUsd(300.0) // three times the default daily budget of an endpoint without config
        .build();
    Map<String, Object> producerSettings = cluster.saslClientSettings(cluster.kafkaPassword);
    producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer())) {
      byte[] value = new AvroWireSerializer<>(registry, BillingEvent.class, true).serialize(TOPICS.billing(), bill);
      producer.send(new ProducerRecord<>(TOPICS.billing(), ENDPOINT.getBytes(StandardCharsets.UTF_8), value))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private CostAlert awaitAlert(SchemaRegistryClient registry, AlertRule rule) {
    Map<String, Object> consumerSettings = cluster.saslClientSettings(cluster.kafkaPassword);
    consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroWireDeserializer<CostAlert> alerts = new AvroWireDeserializer<>(registry, CostAlert.class);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPICS.alerts(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + ALERT_WITHIN.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          CostAlert alert = alerts.deserialize(record.topic(), record.value());
          if (alert.getEndpointId().equals(ENDPOINT) && alert.getRule() == rule) {
            return alert;
          }
        }
      }
    }
    throw new AssertionError("no " + rule + " alert for " + ENDPOINT + " on " + TOPICS.alerts()
        + " within " + ALERT_WITHIN.toSeconds() + " s");
  }

  private void assertAWrongPasswordIsRefused() {
    String wrong = secret("wrong-scram");
    try (Admin admin = Admin.create(cluster.saslClientSettings(wrong))) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class)
          .satisfies(e -> outputs.put("wrong SCRAM password: exception", e.getCause().getMessage()));
    }
    assertThat(outputs.get("wrong SCRAM password: exception")).doesNotContain(wrong);
  }

  /** Runs that must fail on a bad setting, and the help texts, all at once; keeps their outputs. */
  private void runWithBadSettingsAndHelp(Map<String, String> good, Path config) throws Exception {
    Map<String, Integer> expectedExit = new LinkedHashMap<>();
    Map<String, ChildBurnrate> started = new LinkedHashMap<>();

    started.put("wrong Kafka truststore password", child("bad-kafka-truststore", "run", "--verbose", "--config",
        write("bad-kafka-truststore.properties", with(good, "ssl.truststore.password", secret("wrong-ts")))
            .toString()));
    expectedExit.put("wrong Kafka truststore password", 1);
    started.put("wrong SCRAM password", child("bad-scram", "run", "--verbose", "--config",
        write("bad-scram.properties", with(good, "sasl.jaas.config", cluster.jaas(secret("wrong-scram"))))
            .toString()));
    expectedExit.put("wrong SCRAM password", 1);
    started.put("wrong registry truststore password", child("bad-registry-truststore", "run", "--verbose", "--config",
        write("bad-registry-truststore.properties",
            with(good, "schema.registry.ssl.truststore.password", secret("wrong-rts"))).toString()));
    expectedExit.put("wrong registry truststore password", 2);
    started.put("basic auth without user", child("bad-basic-auth", "run", "--verbose", "--config",
        write("bad-basic-auth.properties", with(good, "schema.registry.basic.auth.user.info", cluster.registryPassword))
            .toString()));
    expectedExit.put("basic auth without user", 2);
    started.put("run --help", child("run-help", "run", "--help"));
    expectedExit.put("run --help", 0);
    started.put("config --help", child("config-help", "config", "--help"));
    expectedExit.put("config --help", 0);
    started.put("config", child("config", "config"));
    expectedExit.put("config", 0);
    started.put("config --check", child("config-check", "config", "--check", "--config", config.toString()));
    expectedExit.put("config --check", 0);

    for (Map.Entry<String, ChildBurnrate> entry : started.entrySet()) {
      ChildBurnrate child = entry.getValue();
      int exit = child.awaitExit(EXIT_WITHIN);
      outputs.put(entry.getKey() + ": stdout", child.out());
      outputs.put(entry.getKey() + ": stderr", child.err());
      assertThat(exit).as("%s: exit code; stderr: %s", entry.getKey(), child.err())
          .isEqualTo(expectedExit.get(entry.getKey()));
    }
    assertThat(outputs.get("wrong registry truststore password: stderr"))
        .contains("error: schema.registry.ssl.truststore.location: truststore file "
            + cluster.certificates.truststore());
    assertThat(outputs.get("basic auth without user: stderr")).contains("basic.auth.user.info: must be user:password");
    assertThat(outputs.get("wrong Kafka truststore password: stderr"))
        .contains(cluster.certificates.truststore().toString());
    assertThat(outputs.get("wrong SCRAM password: stderr")).containsIgnoringCase("authentication failed");
    assertThat(outputs.get("run --help: stdout")).contains("--config");
    assertThat(outputs.get("config: stdout")).contains("schema.registry.ssl.truststore.password");
    assertThat(outputs.get("config --check: stdout")).contains("configuration is valid");
  }

  private String secret(String what) {
    String secret = TestCertificates.secret(what);
    secrets.add(secret);
    return secret;
  }

  /** Looks for each secret's random part, so that a secret cut short or quoted is found as well. */
  private void assertNoSecretIn(Map<String, String> outputs) {
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(8);
    List<String> leaks = new ArrayList<>();
    outputs.forEach((where, text) -> {
      for (String secret : secrets) {
        if (text.contains(secret.substring(secret.lastIndexOf('-') + 1))) {
          leaks.add(secret.substring(0, secret.lastIndexOf('-')) + " in " + where);
        }
      }
    });
    assertThat(leaks).as("secrets found in %s", outputs.keySet()).isEmpty();
  }

  private ChildBurnrate child(String name, String... args) throws Exception {
    ChildBurnrate child = ChildBurnrate.start(dir, name, args);
    children.add(child);
    return child;
  }

  private static Map<String, String> with(Map<String, String> settings, String key, String value) {
    Map<String, String> changed = new LinkedHashMap<>(settings);
    changed.put(key, value);
    return changed;
  }

  private Path write(String name, Map<String, String> settings) throws Exception {
    StringBuilder text = new StringBuilder("# Burnrate on the secured test cluster\n");
    settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return Files.writeString(dir.resolve(name), text.toString());
  }

  private SchemaRegistryClient registryClient(String password) {
    return new HttpSchemaRegistryClient(RegistryClientSettings.forUrls(cluster.registry.url())
        .withSslContext(RegistryTrustStore.sslContext(cluster.certificates.truststore(),
            cluster.certificates.truststorePassword().toCharArray(), TestCertificates.TYPE))
        .withBasicAuth(SecureCluster.REGISTRY_USER + ":" + password));
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
