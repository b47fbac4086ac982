package io.burnrate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.burnrate.cli.BurnrateServer;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.InvalidConfigException;
import io.burnrate.config.TopicNames;
import io.burnrate.engine.HourlyMetrics;
import io.burnrate.meter.SliceStats;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * docker-compose.yml, the Dockerfile and the Prometheus, Alertmanager and Grafana files, read as files
 * (no Docker here) and checked against Burnrate's configuration keys, topics and metrics JSON. That
 * every metric the dashboard queries is really scraped is checked live by {@code PrometheusE2EIT}.
 */
class ComposeFileTest {
  private static final Pattern PINNED = Pattern.compile("[^:@\\s]+:[^:/\\s]*\\d+\\.\\d+\\.\\d+[^:/\\s]*");
  private static final String PROMETHEUS_CONFIG = "prometheus/prometheus.yml";
  private static final String DATASOURCES = "grafana/provisioning/datasources/datasources.yml";
  private static final String DASHBOARD_PROVIDERS = "grafana/provisioning/dashboards/dashboards.yml";

  private final JsonNode compose = RepoFiles.yaml("docker-compose.yml");
  private final JsonNode services = compose.path("services");

  @Test
  void everyImageIsPinnedToAVersion() {
    List<String> images = new ArrayList<>();
    services.fields().forEachRemaining(service -> {
      JsonNode image = service.getValue().path("image");
      if (!service.getValue().has("build")) {
        assertThat(image.isTextual()).as("service %s has an image or a build", service.getKey()).isTrue();
        images.add(image.asText());
      }
    });
    Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(RepoFiles.text("Dockerfile"));
    while (from.find()) {
      images.add(from.group(1));
    }
    assertThat(images).hasSizeGreaterThanOrEqualTo(7).allSatisfy(image -> assertThat(image)
        .as("image %s is pinned to a version (name:x.y.z...), not latest or a moving tag", image)
        .matches(PINNED).doesNotContainIgnoringCase("latest"));
    assertThat(images).contains("apache/kafka:4.3.1");
    assertThat(env("grafana").get("GF_PLUGINS_PREINSTALL_SYNC"))
        .matches("(" + Dashboard.KAFKA + "@\\d+\\.\\d+\\.\\d+)(,[\\w-]+@\\d+\\.\\d+\\.\\d+)*");
  }

  @Test
  void pinnedMeansAVersion() {
    assertThat("grafana/grafana:latest").doesNotMatch(PINNED);
    assertThat("eclipse-temurin:17-jre").doesNotMatch(PINNED);
    assertThat("prom/prometheus").doesNotMatch(PINNED);
    assertThat("prom/prometheus:v3.5.0").matches(PINNED);
  }

  @Test
  void everyBurnrateVariableIsARealSettingOfTheBurnrateContainers() {
    Set<String> kafkaKeys = new HashSet<>(StreamsConfig.configDef().names());
    kafkaKeys.addAll(ConsumerConfig.configNames());
    kafkaKeys.addAll(ProducerConfig.configNames());
    kafkaKeys.addAll(AdminClientConfig.configNames());
    for (String service : burnrateServices()) {
      Map<String, String> env = burnrateVariables(service);
      assertThat(env).as("%s is configured through BURNRATE_* variables", service)
          .containsKeys("BURNRATE_KAFKA_BOOTSTRAP_SERVERS", "BURNRATE_SCHEMA_REGISTRY_URL");
      BurnrateConfig config = load(service, env);
      env.forEach((name, value) -> {
        if (name.startsWith("BURNRATE_KAFKA_")) {
          String key = dotted(name.substring("BURNRATE_KAFKA_".length()));
          assertThat(kafkaKeys).as("%s of %s names a Kafka setting", name, service).contains(key);
          assertThat(config.kafkaProperties().getProperty(key)).isEqualTo(value);
        } else if (name.startsWith("BURNRATE_SCHEMA_REGISTRY_")) {
          String key = "schema.registry." + dotted(name.substring("BURNRATE_SCHEMA_REGISTRY_".length()));
          assertThat(key).as("%s of %s", name, service)
              .isIn(BurnrateConfig.REGISTRY_URL, BurnrateConfig.REGISTRY_USER_INFO);
        } else {
          String key = BurnrateConfig.PREFIX + dotted(name.substring("BURNRATE_".length()));
          assertThat(BurnrateConfig.DEFINITION.names()).as("%s of %s", name, service).contains(key);
        }
      });
    }
  }

  @Test
  void aMistypedVariableWouldBeCaught() {
    assertThatThrownBy(() -> BurnrateConfig.load(null, Map.of("BURNRATE_HTTP_PROT", "8080"), Map.of()))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("burnrate.http.prot");
  }

  @Test
  void theBurnrateContainersRunCommandsTheServerJarKnows() {
    assertThat(command("burnrate")).containsExactly("run");
    assertThat(command("alert-forwarder")).startsWith("forward-alerts");
    for (String service : burnrateServices()) {
      List<String> args = command(service);
      ParseResult parsed = BurnrateServer.newCommandLine().parseArgs(args.toArray(String[]::new));
      assertThat(parsed.subcommand().commandSpec().name()).as("command of %s", service).isEqualTo(args.get(0));
    }
  }

  @Test
  void theServerJarRefusesTheDevkitsCommands() {
    for (String devkitCommand : List.of("demo", "local", "simulate", "bench")) {
      assertThatThrownBy(() -> BurnrateServer.newCommandLine().parseArgs(devkitCommand))
          .isInstanceOf(UnmatchedArgumentException.class);
    }
  }

  @Test
  void prometheusScrapesTheBurnrateServiceOnItsHttpPort() {
    int httpPort = load("burnrate", burnrateVariables("burnrate")).getInt(BurnrateConfig.HTTP_PORT);
    assertThat(load("burnrate", burnrateVariables("burnrate")).getString(BurnrateConfig.HTTP_HOST))
        .as("Burnrate listens on every interface of its container").isEqualTo("0.0.0.0");
    assertThat(publishedContainerPorts("burnrate")).contains(httpPort);

    List<String> targets = new ArrayList<>();
    for (JsonNode job : RepoFiles.yaml(PROMETHEUS_CONFIG).path("scrape_configs")) {
      if (job.path("job_name").asText().equals("burnrate")) {
        assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
        job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
      }
    }
    assertThat(targets).containsExactly("burnrate:" + httpPort);
    assertThat(command("burnrate")).containsExactly("run");
    assertThat(mountSources("prometheus")).containsEntry("./" + PROMETHEUS_CONFIG, "/etc/prometheus/prometheus.yml");
    assertThat(command("prometheus")).contains("--config.file=/etc/prometheus/prometheus.yml");
  }

  @Test
  void theRegistryUrlNamesTheRegistryServiceAndItsPort() {
    URI listener = URI.create(env("schema-registry").get("SCHEMA_REGISTRY_LISTENERS"));
    for (String service : burnrateServices()) {
      URI registry = URI.create(load(service, burnrateVariables(service)).registryUrl());
      assertThat(registry.getHost()).as("registry host of %s", service).isEqualTo("schema-registry");
      assertThat(registry.getPort()).as("registry port of %s", service).isEqualTo(listener.getPort());
    }
    assertThat(publishedContainerPorts("schema-registry")).contains(listener.getPort());
  }

  @Test
  void everyKafkaClientUsesTheKafkaServicesInternalListener() {
    Map<String, String> kafka = env("kafka");
    Map<String, String> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
    Map<String, String> bound = listeners(kafka.get("KAFKA_LISTENERS"));
    String internal = kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME");
    String address = advertised.get(internal);
    assertThat(address).isEqualTo("kafka:" + port(bound.get(internal)));

    for (String service : burnrateServices()) {
      assertThat(load(service, burnrateVariables(service)).kafkaProperties().getProperty("bootstrap.servers"))
          .as("bootstrap servers of %s", service).isEqualTo(address);
    }
    assertThat(env("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
        .isEqualTo("PLAINTEXT://" + address);
    assertThat(kafkaDatasource().path("jsonData").path("bootstrapServers").asText()).isEqualTo(address);
    assertThat(String.join(" ", command("topics"))).contains("--bootstrap-server " + address);
    String external = advertised.get("EXTERNAL");
    assertThat(publishedContainerPorts("kafka")).containsExactly(port(bound.get("EXTERNAL")));
    assertThat(external).isEqualTo("localhost:" + port(bound.get("EXTERNAL")));
  }

  @Test
  void theTopicsServiceCreatesTheContractTopicsWithOnePartitionCount() {
    String script = String.join("\n", command("topics"));
    Map<String, String> created = new LinkedHashMap<>();
    Matcher line = Pattern.compile("--topic\\s+(\\S+)\\s+--partitions\\s+(\\d+)(.*)").matcher(script);
    while (line.find()) {
      created.put(line.group(1), line.group(2) + line.group(3));
    }
    assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(TopicNames.DEFAULTS.pipelineTopics());
    assertThat(new HashSet<>(created.values().stream().map(v -> v.replaceAll("\\D.*", "")).toList())).hasSize(1);
    for (String compacted : TopicNames.DEFAULTS.compacted()) {
      if (created.containsKey(compacted)) {
        assertThat(created.get(compacted)).contains("cleanup.policy=compact");
      }
    }
    assertThat(dependsOn("burnrate")).containsEntry("topics", "service_completed_successfully");
    assertThat(dependsOn("alert-forwarder")).containsEntry("topics", "service_completed_successfully");
  }

  @Test
  void theBridgePostsToTheAlertmanagerService() {
    List<String> args = command("alert-forwarder");
    URI alertmanager = URI.create(args.get(args.indexOf("--alertmanager") + 1));
    assertThat(alertmanager.getHost()).isEqualTo("alertmanager");
    int listenPort = 9093;
    for (String arg : command("alertmanager")) {
      if (arg.startsWith("--web.listen-address=")) {
        listenPort = port(arg.substring(arg.indexOf('=') + 1));
      }
    }
    assertThat(alertmanager.getPort()).isEqualTo(listenPort);
    assertThat(publishedContainerPorts("alertmanager")).contains(listenPort);
    assertThat(mountSources("alertmanager"))
        .containsEntry("./alertmanager/alertmanager.yml", "/etc/alertmanager/alertmanager.yml");
    JsonNode config = RepoFiles.yaml("alertmanager/alertmanager.yml");
    String receiver = config.path("route").path("receiver").asText();
    List<String> receivers = new ArrayList<>();
    config.path("receivers").forEach(r -> receivers.add(r.path("name").asText()));
    assertThat(receivers).contains(receiver);
    assertThat(java.time.Duration.ofSeconds(60))
        .as("the bridge's default re-post interval is well within Alertmanager's resolve_timeout")
        .isLessThan(java.time.Duration.parse("PT" + config.path("global").path("resolve_timeout").asText()
            .toUpperCase(java.util.Locale.ROOT)).dividedBy(2));
  }

  @Test
  void grafanaProvisionsBothDataSourcesAndTheDashboard() {
    Map<String, String> mounts = mountSources("grafana");
    assertThat(mounts).containsEntry("./grafana/provisioning", "/etc/grafana/provisioning");
    String dashboardsDir = RepoFiles.yaml(DASHBOARD_PROVIDERS).path("providers").get(0).path("options").path("path")
        .asText();
    assertThat(mounts).containsEntry("./grafana/dashboards", dashboardsDir);

    Map<String, String> typesByUid = new TreeMap<>();
    for (JsonNode source : RepoFiles.yaml(DATASOURCES).path("datasources")) {
      typesByUid.put(source.path("uid").asText(), source.path("type").asText());
    }
    assertThat(typesByUid.values()).contains(Dashboard.PROMETHEUS, Dashboard.KAFKA);
    Dashboard dashboard = Dashboard.provisioned();
    assertThat(typesByUid.keySet()).containsAll(dashboard.datasourceUids());
    for (JsonNode panel : dashboard.panels()) {
      if (panel.has("datasource")) {
        assertThat(typesByUid.get(panel.path("datasource").path("uid").asText()))
            .as("type of the data source of panel %s", panel.path("title").asText())
            .isEqualTo(panel.path("datasource").path("type").asText());
      }
    }
    URI prometheus = URI.create(datasource(Dashboard.PROMETHEUS).path("url").asText());
    assertThat(prometheus.getHost()).isEqualTo("prometheus");
    assertThat(publishedContainerPorts("prometheus")).contains(prometheus.getPort());
  }

  @Test
  void theDashboardReadsOnlyContractTopicsAndFieldsTheHourlyMetricsHave() {
    Dashboard dashboard = Dashboard.provisioned();
    assertThat(dashboard.kafkaTopics()).containsExactly(TopicNames.DEFAULTS.hourlyMetrics());
    assertThat(TopicNames.DEFAULTS.pipelineTopics()).containsAll(dashboard.kafkaTopics());

    Set<String> hourlyFields = HourlyMetrics.of("endpoint", new SliceStats(0, 3_600_000L), 0L, 100_000_000L, 1.0, 1.0)
        .keySet();
    assertThat(hourlyFields).containsAll(dashboard.kafkaFields());
    for (JsonNode panel : dashboard.panelsOf(Dashboard.KAFKA)) {
      Set<String> fields = new TreeSet<>(Dashboard.fieldsOf(panel));
      fields.removeAll(Dashboard.KAFKA_FRAME_COLUMNS);
      fields.remove("endpoint_id");
      assertThat(fields).as("panel '%s' plots at least one figure", panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("messageFormat").asText()).isEqualTo("json");
      }
    }
  }

  @Test
  void theDashboardShowsWhatTheIssueAsksFor() {
    Dashboard dashboard = Dashboard.provisioned();
    assertThat(dashboard.kafkaFields()).contains("daily_spend_usd", "daily_budget_usd", "cost_per_request_usd",
        "cold_starts", "max_replicas", "endpoint_id");
    assertThat(dashboard.promMetricNames()).contains("burnrate_alerts_active", "burnrate_alerts_total");
    assertThat(dashboard.promMetricNames()).allSatisfy(name -> assertThat(name).matches("(burnrate|kafka|jvm)_\\w+"));
  }

  @Test
  void theImageRunsTheServerJarTheBuildMakes() {
    String serverJar = "burnrate-cli/target/" + ShadedJars.finalNameOf(BurnrateServer.class.getName()) + ".jar";
    assertThat(serverJar).isEqualTo("burnrate-cli/target/burnrate-server.jar");
    String dockerfile = RepoFiles.text("Dockerfile");
    Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)\\s*$").matcher(dockerfile);
    assertThat(copy.find()).as("the Dockerfile copies the jar").isTrue();
    assertThat(copy.group(1)).isEqualTo(serverJar);
    assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + copy.group(2) + "\"]");
    assertThat(RepoFiles.text(".dockerignore").lines().map(String::strip)).contains("*", "!" + serverJar);
    for (String service : burnrateServices()) {
      assertThat(services.path(service).path("build").asText()).isEqualTo(".");
    }
  }

  @Test
  void everyMountedFileIsInTheRepository() {
    services.fields().forEachRemaining(service -> mountSources(service.getKey()).keySet().forEach(source ->
        assertThat(Files.exists(RepoFiles.path(source.substring(2))))
            .as("%s mounts %s", service.getKey(), source).isTrue()));
  }

  // ---- reading the compose file ----

  private List<String> burnrateServices() {
    List<String> names = new ArrayList<>();
    services.fields().forEachRemaining(service -> {
      if (service.getValue().has("build")) {
        names.add(service.getKey());
      }
    });
    assertThat(names).containsExactlyInAnyOrder("burnrate", "alert-forwarder");
    return names;
  }

  private Map<String, String> env(String service) {
    JsonNode environment = services.path(service).path("environment");
    Map<String, String> env = new LinkedHashMap<>();
    if (environment.isArray()) {
      environment.forEach(entry -> {
        String text = entry.asText();
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
      });
    } else {
      environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    return env;
  }

  private Map<String, String> burnrateVariables(String service) {
    Map<String, String> out = new LinkedHashMap<>();
    env(service).forEach((name, value) -> {
      if (name.startsWith("BURNRATE_")) {
        out.put(name, value);
      }
    });
    return out;
  }

  private static BurnrateConfig load(String service, Map<String, String> env) {
    try {
      return BurnrateConfig.load(null, env, Map.of());
    } catch (InvalidConfigException e) {
      return fail("the BURNRATE_* variables of service " + service + " are not a valid configuration: "
          + e.problems());
    }
  }

  private List<String> command(String service) {
    JsonNode command = services.path(service).path("command");
    List<String> args = new ArrayList<>();
    if (command.isArray()) {
      command.forEach(arg -> args.add(arg.asText()));
    } else if (command.isTextual()) {
      args.addAll(List.of(command.asText().trim().split("\\s+")));
    }
    return args;
  }

  private Map<String, String> dependsOn(String service) {
    Map<String, String> out = new LinkedHashMap<>();
    services.path(service).path("depends_on").fields().forEachRemaining(e ->
        out.put(e.getKey(), e.getValue().path("condition").asText()));
    return out;
  }

  private List<Integer> publishedContainerPorts(String service) {
    List<Integer> ports = new ArrayList<>();
    for (JsonNode mapping : services.path(service).path("ports")) {
      String text = mapping.asText().replaceFirst("/(tcp|udp)$", "");
      assertThat(text).as("%s publishes on loopback only", service).startsWith("127.0.0.1:");
      ports.add(Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)));
    }
    return ports;
  }

  /** Bind mounts: {@code ./source} to the container path. */
  private Map<String, String> mountSources(String service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (JsonNode volume : services.path(service).path("volumes")) {
      String[] parts = volume.asText().split(":");
      if (parts[0].startsWith("./")) {
        mounts.put(parts[0], parts[1]);
      }
    }
    return mounts;
  }

  private static Map<String, String> listeners(String list) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String listener : list.split(",")) {
      int scheme = listener.indexOf("://");
      byName.put(listener.substring(0, scheme).trim(), listener.substring(scheme + 3).trim());
    }
    return byName;
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private JsonNode kafkaDatasource() {
    return datasource(Dashboard.KAFKA);
  }

  private static JsonNode datasource(String type) {
    for (JsonNode source : RepoFiles.yaml(DATASOURCES).path("datasources")) {
      if (source.path("type").asText().equals(type)) {
        return source;
      }
    }
    return fail("no data source of type " + type + " in " + DATASOURCES);
  }

  private static String dotted(String envName) {
    return envName.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
  }
}
