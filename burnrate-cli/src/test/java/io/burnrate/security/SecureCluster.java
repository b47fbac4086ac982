package io.burnrate.security;

import static org.awaitility.Awaitility.await;

import io.burnrate.config.TopicNames;
import io.burnrate.app.ContractTopics;
import io.burnrate.local.EmbeddedKafka;
import io.burnrate.local.LoopbackPorts;
import io.burnrate.registry.EmbeddedSchemaRegistry;
import io.burnrate.registry.RegistryTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The embedded broker with a SASL_SSL listener (SCRAM-SHA-512, the test CA's server certificate)
 * besides its PLAINTEXT one, a SCRAM user, the contract's topics, and the embedded registry over
 * HTTPS requiring HTTP Basic auth. Clients of the test reach both as a user would; the registry's own
 * store uses the PLAINTEXT listener, as a registry inside the cluster's network would.
 */
final class SecureCluster implements AutoCloseable {
  static final String LISTENER = "SASL_SSL";
  static final String MECHANISM = "SCRAM-SHA-512";
  static final String KAFKA_USER = "burnrate";
  static final String REGISTRY_USER = "burnrate-registry";
  private static final int PARTITIONS = 2;

  final TestCertificates certificates;
  final String kafkaPassword = TestCertificates.secret("scram");
  final String registryPassword = TestCertificates.secret("registry");
  final EmbeddedKafka kafka;
  final EmbeddedSchemaRegistry registry;

  SecureCluster(Path dir) throws Exception {
    certificates = TestCertificates.create(dir);
    String prefix = "listener.name." + LISTENER.toLowerCase() + ".";
    Map<String, String> broker = new HashMap<>();
    broker.put("sasl.enabled.mechanisms", MECHANISM);
    broker.put(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    broker.put(prefix + "ssl.keystore.location", certificates.serverKeystore().toString());
    broker.put(prefix + "ssl.keystore.password", certificates.keystorePassword());
    broker.put(prefix + "ssl.key.password", certificates.keystorePassword());
    broker.put(prefix + "ssl.keystore.type", TestCertificates.TYPE);
    kafka = new EmbeddedKafka(dir.resolve("kafka"), 0, broker,
        List.of(new EmbeddedKafka.Listener(LISTENER, "SASL_SSL"))).start();
    EmbeddedSchemaRegistry started = null;
    try {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(KAFKA_USER,
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), kafkaPassword)))
            .all().get(30, TimeUnit.SECONDS);
        new ContractTopics(admin, TopicNames.DEFAULTS).ensure(PARTITIONS);
      }
      // The credential reaches the SASL listener through the metadata log: wait until it is known.
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
        try (Admin admin = Admin.create(saslClientSettings(kafkaPassword))) {
          return !admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty();
        }
      });
      started = new EmbeddedSchemaRegistry(kafka.bootstrapServers(), LoopbackPorts.HOST, 0)
          .withHttps(RegistryTls.serverContext(certificates.serverKeystore(),
              certificates.keystorePassword().toCharArray(), TestCertificates.TYPE))
          .withBasicAuth(Map.of(REGISTRY_USER, registryPassword))
          .start();
    } catch (Exception | Error e) {
      kafka.close();
      throw e;
    }
    registry = started;
  }

  String saslBootstrapServers() {
    return kafka.bootstrapServers(LISTENER);
  }

  String jaas(String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + KAFKA_USER
        + "\" password=\"" + password + "\";";
  }

  /** What a client needs to reach the SASL_SSL listener as {@link #KAFKA_USER} with {@code password}. */
  Map<String, Object> saslClientSettings(String password) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslBootstrapServers());
    settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(password));
    settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.truststore().toString());
    settings.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, certificates.truststorePassword());
    settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, TestCertificates.TYPE);
    settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return settings;
  }

  /** Every secret this cluster holds, to be looked for in outputs. */
  List<String> secrets() {
    return List.of(kafkaPassword, registryPassword, certificates.keystorePassword(), certificates.truststorePassword());
  }

  @Override
  public void close() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      kafka.close();
    }
  }
}
