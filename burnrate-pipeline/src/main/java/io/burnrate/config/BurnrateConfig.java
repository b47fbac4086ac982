package io.burnrate.config;

import io.burnrate.baseline.NoiseGate;
import io.burnrate.engine.BaselineSettings;
import io.burnrate.engine.PipelineSettings;
import io.burnrate.meter.PriceTable;
import io.burnrate.rules.RuleCatalog;
import io.burnrate.rules.Thresholds;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.Criticality;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Burnrate's settings, built and validated once. Sources, later ones winning: the defaults shipped in
 * the jar ({@code burnrate-defaults.properties}), a user file, environment variables, flags. Keys under
 * {@code burnrate.} are Burnrate's own and checked (a typo is an error); every other key passes
 * through to Kafka Streams and its clients untouched, so SASL and TLS settings work as they are.
 */
public final class BurnrateConfig {
  public static final String PREFIX = "burnrate.";
  public static final String REGISTRY_URL = "schema.registry.url";
  public static final String REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String REGISTRY_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String REGISTRY_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String REGISTRY_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  /** What {@link #toString()} shows in place of a secret's value. */
  public static final String HIDDEN = "[hidden]";
  public static final String DEFAULTS_RESOURCE = "/burnrate-defaults.properties";

  static final String RULE_PREFIX = "burnrate.rule.";
  static final String RULE_SUFFIX = ".threshold";
  static final String PRICE_PREFIX = "burnrate.price.";
  static final String REGION_PREFIX = "burnrate.region.multiplier.";
  static final String CORRECTION_PREFIX = "burnrate.meter.correction.";

  public static final String DRY_RUN = "burnrate.dry.run";
  public static final String GRACE_EVENTS = "burnrate.grace.events.ms";
  public static final String GRACE_BILLING = "burnrate.grace.billing.ms";
  public static final String MAX_FUTURE_SKEW = "burnrate.event.time.max.future.skew.ms";
  public static final String METER_STEP = "burnrate.meter.step.ms";
  public static final String INPUT_IDLE = "burnrate.input.idle.ms";
  public static final String COMMAND_COOLDOWN = "burnrate.command.cooldown.ms";
  public static final String REPLAY_LAG = "burnrate.replay.lag.ms";
  public static final String TRANSFER_PRICE = "burnrate.cold.start.transfer.usd.per.gb";
  public static final String CONCURRENCY = "burnrate.replica.concurrency";
  public static final String MIN_REQUESTS = "burnrate.rule.min.requests";
  public static final String TRAILING_HOURS = "burnrate.rule.trailing.hours";
  public static final String DEFAULT_BUDGET = "burnrate.defaults.daily.budget.usd";
  public static final String DEFAULT_MIN_REPLICAS = "burnrate.defaults.min.replicas";
  public static final String DEFAULT_MAX_REPLICAS = "burnrate.defaults.max.replicas";
  public static final String DEFAULT_EXPECTED_MAX = "burnrate.defaults.expected.max.replicas";
  public static final String DEFAULT_MODEL_SIZE = "burnrate.defaults.model.size.gb";
  public static final String DEFAULT_TIMEZONE = "burnrate.defaults.timezone";
  public static final String DEFAULT_CRITICALITY = "burnrate.defaults.criticality";
  public static final String SLICE_RETENTION = "burnrate.store.slice.retention.ms";
  public static final String LINE_ITEM_RETENTION = "burnrate.store.line.item.retention.ms";
  public static final String METRICS_INTERVAL = "burnrate.metrics.interval.ms";
  public static final String DRIFT_GAUGE_ENDPOINTS = "burnrate.metrics.drift.endpoints";
  public static final String ROCKSDB_BLOCK_CACHE = "burnrate.rocksdb.block.cache.bytes";
  public static final String ROCKSDB_WRITE_BUFFER = "burnrate.rocksdb.write.buffer.bytes";
  public static final long DEFAULT_ROCKSDB_BLOCK_CACHE_BYTES = 64L << 20;
  public static final long DEFAULT_ROCKSDB_WRITE_BUFFER_BYTES = 16L << 20;
  public static final String AUTO_REGISTER = "burnrate.schemas.auto.register";
  public static final String BASELINE_SAMPLES = "burnrate.baseline.samples.per.hour";
  public static final String BASELINE_MIN_SAMPLES = "burnrate.baseline.min.samples";
  public static final String BASELINE_SPEND_FLOOR = "burnrate.baseline.spend.floor.usd";
  public static final String BASELINE_REQUESTS_FLOOR = "burnrate.baseline.requests.floor";
  public static final String BASELINE_TRAILING_FALLBACK = "burnrate.baseline.trailing.fallback";
  public static final String BASELINE_SPREAD_LIMIT = "burnrate.baseline.spread.limit";
  public static final String COST_PER_REQUEST_MIN_HOURS = "burnrate.rule.cost.per.request.min.hours";
  public static final String GATE_MIN_EVALUATIONS = "burnrate.rule.min.breach.evaluations";
  public static final String GATE_MIN_BREACH = "burnrate.rule.min.breach.ms";
  public static final String GATE_HYSTERESIS = "burnrate.rule.hysteresis";
  public static final String GATE_MIN_CLEAR = "burnrate.rule.min.clear.ms";
  public static final String REGISTRY_STARTUP_TIMEOUT = "burnrate.registry.startup.timeout.ms";
  public static final String HTTP_HOST = "burnrate.http.host";
  public static final String HTTP_PORT = "burnrate.http.port";
  public static final String TOPIC_REQUESTS = "burnrate.topic.requests";
  public static final String TOPIC_REPLICAS = "burnrate.topic.replicas";
  public static final String TOPIC_BILLING = "burnrate.topic.billing";
  public static final String TOPIC_CONFIG = "burnrate.topic.endpoint.config";
  public static final String TOPIC_ALERTS = "burnrate.topic.alerts";
  public static final String TOPIC_COMMANDS = "burnrate.topic.commands";
  public static final String TOPIC_METRICS = "burnrate.topic.metrics.hourly";
  public static final String TOPIC_DLQ = "burnrate.topic.dlq";
  public static final String TOPIC_SCHEMAS = "burnrate.topic.schemas";

  public static final ConfigDef DEFINITION = definition();

  private final Map<String, Object> values;
  private final Map<String, String> raw;

  private BurnrateConfig(Map<String, Object> values, Map<String, String> raw) {
    this.values = values;
    this.raw = raw;
  }

  private static ConfigDef definition() {
    TopicNames t = TopicNames.DEFAULTS;
    ConfigDef def = new ConfigDef();
    def.define(DRY_RUN, Type.BOOLEAN, false, Importance.HIGH,
        "Mark every scaling command dry_run: actuators log and do not act.");
    def.define(GRACE_EVENTS, Type.LONG, 300_000L, Range.atLeast(0), Importance.MEDIUM,
        "How late a request or replica event may arrive (behind stream time) and still count; later ones go to the DLQ as 'late'.");
    def.define(GRACE_BILLING, Type.LONG, 172_800_000L, Range.atLeast(0), Importance.MEDIUM,
        "How late a billing line item may arrive (usage_end behind stream time) and still count.");
    def.define(MAX_FUTURE_SKEW, Type.LONG, 3_600_000L, Range.atLeast(0), Importance.LOW,
        "A record whose event time is further ahead of stream time than this is invalid.");
    def.define(INPUT_IDLE, Type.LONG, 2_000L, Range.between(0L, 600_000L), Importance.MEDIUM,
        "How long (wall clock) a task's request or replica input may bring nothing before the other input's"
            + " records go on without it. Records are processed in event-time order across both inputs; an input"
            + " silent for longer is taken as having nothing older to send. Cover the skew between your"
            + " producers; each record may wait up to this long for a silent input. 0 processes records in"
            + " the order they are read.");
    def.define(METER_STEP, Type.LONG, 60_000L, Range.between(1_000L, 3_600_000L), Importance.MEDIUM,
        "Stream-time step at which quiet endpoints are metered and rules re-evaluated.");
    def.define(COMMAND_COOLDOWN, Type.LONG, 600_000L, Range.atLeast(0), Importance.MEDIUM,
        "Scale-down delay: no second command of the same action for an endpoint within this much event time; also the commands' validity (expires_at).");
    def.define(REPLAY_LAG, Type.LONG, 3_600_000L, Range.atLeast(0), Importance.MEDIUM,
        "Records whose event time is older than this behind the wall clock are history being replayed: their commands are dry_run. 0 disables.");
    def.define(TRANSFER_PRICE, Type.DOUBLE, 0.09, Range.atLeast(0), Importance.LOW,
        "Price of one GB of model download on a cold start, USD.");
    def.define(CONCURRENCY, Type.DOUBLE, 1.0, Range.atLeast(0.001), Importance.LOW,
        "Requests one replica serves at once, for utilization.");
    def.define(MIN_REQUESTS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW,
        "Minimum requests in a span before ratio rules (cost per request, error rate, latency) judge it.");
    def.define(TRAILING_HOURS, Type.INT, 24, Range.between(1, 24 * 14), Importance.LOW,
        "Closed hours in the trailing cost-per-request baseline.");
    def.define(DEFAULT_BUDGET, Type.DOUBLE, 100.0, Range.atLeast(0), Importance.MEDIUM,
        "Daily budget (USD) of an endpoint without a config record; 0 turns budget rules off for them.");
    def.define(DEFAULT_MIN_REPLICAS, Type.INT, 0, Range.atLeast(0), Importance.LOW, "min_replicas of endpoints without config.");
    def.define(DEFAULT_MAX_REPLICAS, Type.INT, 10, Range.atLeast(0), Importance.LOW, "max_replicas of endpoints without config.");
    def.define(DEFAULT_EXPECTED_MAX, Type.INT, 10, Range.atLeast(0), Importance.LOW,
        "expected_max_replicas of endpoints without config (above it: RUNAWAY_SCALING).");
    def.define(DEFAULT_MODEL_SIZE, Type.DOUBLE, 26.0, Range.atLeast(0), Importance.LOW,
        "GB a cold start downloads when neither the event nor the config says (13B model = 26 GB).");
    def.define(DEFAULT_TIMEZONE, Type.STRING, "UTC", zoneValidator(), Importance.LOW,
        "Budget-day zone of endpoints without config (IANA id).");
    def.define(DEFAULT_CRITICALITY, Type.STRING, "CRITICAL", ConfigDef.ValidString.in("CRITICAL", "NON_CRITICAL"),
        Importance.LOW, "Criticality of endpoints without config (CRITICAL: alerted on, never scaled).");
    def.define(SLICE_RETENTION, Type.LONG, Duration.ofDays(8).toMillis(), Range.atLeast(Duration.ofDays(3).toMillis()),
        Importance.LOW, "How long per-hour figures are kept (queries, late bills).");
    def.define(LINE_ITEM_RETENTION, Type.LONG, Duration.ofDays(35).toMillis(),
        Range.atLeast(Duration.ofDays(3).toMillis()), Importance.MEDIUM,
        "How long a line_item_id is remembered for de-duplication: long enough for replays of weeks.");
    def.define(METRICS_INTERVAL, Type.LONG, 5_000L, Range.between(100L, 600_000L), Importance.LOW,
        "Wall-clock pace of cost.metrics.hourly updates per endpoint-hour.");
    def.define(DRIFT_GAUGE_ENDPOINTS, Type.INT, 20, Range.between(0, 10_000), Importance.LOW,
        "At most this many burnrate_billing_drift_ratio{endpoint} gauges per instance: the endpoints whose billing"
            + " drifts furthest from the meter (0: none).");
    def.define(ROCKSDB_BLOCK_CACHE, Type.LONG, DEFAULT_ROCKSDB_BLOCK_CACHE_BYTES, Range.atLeast(1L << 20),
        Importance.MEDIUM,
        "Off-heap memory of all RocksDB state stores of the process together (bytes): one LRU block cache"
            + " shared by every store, holding data, index and filter blocks; the write buffers are charged"
            + " to it. The first pipeline started in a JVM sets it for the JVM.");
    def.define(ROCKSDB_WRITE_BUFFER, Type.LONG, DEFAULT_ROCKSDB_WRITE_BUFFER_BYTES, Range.atLeast(1L << 20),
        Importance.MEDIUM,
        "Part of " + ROCKSDB_BLOCK_CACHE + " that the memtables of all stores may take together (bytes)"
            + " before the largest is flushed to disk; at most the block cache size.");
    def.define(AUTO_REGISTER, Type.BOOLEAN, true, Importance.LOW,
        "Register the output schemas under <topic>-value on first use.");
    def.define(BASELINE_SAMPLES, Type.INT, 8, Range.between(1, 64), Importance.LOW,
        "Closed hours kept per hour of the week (hour of day x weekday/weekend) for the seasonal baselines.");
    def.define(BASELINE_MIN_SAMPLES, Type.INT, 3, Range.between(1, 64), Importance.LOW,
        "Samples an hour of the week needs before baseline rules use it (warm-up); at most "
            + BASELINE_SAMPLES + ".");
    def.define(BASELINE_SPEND_FLOOR, Type.DOUBLE, 1.0, Range.atLeast(0), Importance.LOW,
        "The normal hourly spend is never taken below this (USD), so tiny endpoints do not alert on cents.");
    def.define(BASELINE_REQUESTS_FLOOR, Type.DOUBLE, 60.0, Range.atLeast(0), Importance.LOW,
        "The normal request count per hour is never taken below this.");
    def.define(BASELINE_TRAILING_FALLBACK, Type.BOOLEAN, false, Importance.LOW,
        "While the seasonal baseline warms up, judge COST_PER_REQUEST_RISING against the trailing closed hours"
            + " (burnrate.rule.trailing.hours) instead of staying silent; noisy where traffic has a daily shape.");
    def.define(BASELINE_SPREAD_LIMIT, Type.DOUBLE, BaselineSettings.DEFAULT_SPREAD_LIMIT, Range.atLeast(0),
        Importance.LOW, "COST_PER_REQUEST_RISING also needs the hour this many robust standard deviations (scaled"
            + " median absolute deviation of the same hour of the week) above its usual level; 0 turns it off.");
    def.define(COST_PER_REQUEST_MIN_HOURS, Type.INT, BaselineSettings.DEFAULT_MIN_BREACH_HOURS, Range.between(1, 24),
        Importance.LOW, "COST_PER_REQUEST_RISING against the seasonal baseline fires only when this many closed"
            + " hours in a row breach it (1: the first one).");
    def.define(GATE_MIN_EVALUATIONS, Type.INT, 3, Range.atLeast(1), Importance.LOW,
        "Baseline rules and the forecast fire only after this many breached evaluations in a row...");
    def.define(GATE_MIN_BREACH, Type.LONG, 300_000L, Range.atLeast(0), Importance.LOW,
        "...spanning at least this much event time (ms).");
    def.define(GATE_HYSTERESIS, Type.DOUBLE, 0.10, Range.between(0.0, 0.99), Importance.LOW,
        "Default of burnrate.rule.COST_SPIKE.hysteresis and burnrate.rule.REQUEST_SURGE.hysteresis (older key;"
            + " the per-rule keys win)...");
    def.define(GATE_MIN_CLEAR, Type.LONG, 600_000L, Range.atLeast(0), Importance.LOW,
        "...and of their clear.ms (older key; the per-rule keys win).");
    def.define(REGISTRY_STARTUP_TIMEOUT, Type.LONG, 120_000L, Range.atLeast(0), Importance.MEDIUM,
        "How long `burnrate run` keeps trying to reach the schema registry at start-up, with backoff, before it"
            + " exits naming the registry URL and the reason; 0 tries once.");
    def.define(HTTP_HOST, Type.STRING, "127.0.0.1", Importance.MEDIUM, "Address the HTTP server binds.");
    def.define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM, "Port of the HTTP server (0: any free).");
    def.define(TOPIC_REQUESTS, Type.STRING, t.requests(), nonEmpty(), Importance.LOW, "Topic of InferenceRequest.");
    def.define(TOPIC_REPLICAS, Type.STRING, t.replicas(), nonEmpty(), Importance.LOW, "Topic of ReplicaEvent.");
    def.define(TOPIC_BILLING, Type.STRING, t.billing(), nonEmpty(), Importance.LOW, "Topic of BillingEvent.");
    def.define(TOPIC_CONFIG, Type.STRING, t.endpointConfig(), nonEmpty(), Importance.LOW, "Topic of EndpointConfig.");
    def.define(TOPIC_ALERTS, Type.STRING, t.alerts(), nonEmpty(), Importance.LOW, "Topic of CostAlert.");
    def.define(TOPIC_COMMANDS, Type.STRING, t.commands(), nonEmpty(), Importance.LOW, "Topic of ScalingCommand.");
    def.define(TOPIC_METRICS, Type.STRING, t.hourlyMetrics(), nonEmpty(), Importance.LOW, "Topic of hourly metrics JSON.");
    def.define(TOPIC_DLQ, Type.STRING, t.deadLetters(), nonEmpty(), Importance.LOW, "Dead-letter topic.");
    def.define(TOPIC_SCHEMAS, Type.STRING, t.schemas(), nonEmpty(), Importance.LOW, "Embedded registry's schema topic.");
    RuleKeys.defineAll(def);
    return def;
  }

  /**
   * Merges the sources (later wins) and validates every key, reporting all problems at once.
   *
   * @throws InvalidConfigException listing each bad key, its value and what is allowed
   */
  public static BurnrateConfig load(Path userFile, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(readDefaults());
    List<String> problems = new ArrayList<>();
    if (userFile != null) {
      try {
        merged.putAll(readFile(userFile));
      } catch (IOException e) {
        problems.add("config file " + userFile + " cannot be read (" + e.getMessage() + "): check the path");
      }
    }
    merged.putAll(fromEnvironment(env));
    merged.putAll(overrides);
    return validate(merged, problems);
  }

  /** Validates an already merged map (tests, embedded use). */
  public static BurnrateConfig of(Map<String, String> settings) {
    Map<String, String> merged = new TreeMap<>(readDefaults());
    merged.putAll(settings);
    return validate(merged, new ArrayList<>());
  }

  private static BurnrateConfig validate(Map<String, String> merged, List<String> problems) {
    Map<String, Object> values = new TreeMap<>();
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      String text = merged.get(key.name);
      try {
        Object value = text == null ? key.defaultValue : ConfigDef.parseType(key.name, text.trim(), key.type);
        if (key.validator != null) {
          key.validator.ensureValid(key.name, value);
        }
        values.put(key.name, value);
      } catch (ConfigException e) {
        problems.add(describe(key, text, e));
      }
    }
    for (Map.Entry<String, String> entry : merged.entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(PREFIX) || DEFINITION.configKeys().containsKey(name)) {
        continue;
      }
      String problem = checkDynamicKey(name, entry.getValue());
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new BurnrateConfig(values, Map.copyOf(merged));
  }

  private static String checkDynamicKey(String name, String value) {
    RuleLifecycleKeys.Key lifecycle = RuleLifecycleKeys.parse(name);
    if (lifecycle != null) {
      return RuleLifecycleKeys.problem(name, lifecycle, value, ruleList());
    }
    if (name.startsWith(RULE_PREFIX) && name.endsWith(RULE_SUFFIX)) {
      String rule = name.substring(RULE_PREFIX.length(), name.length() - RULE_SUFFIX.length());
      if (!RuleCatalog.isRule(rule)) {
        return name + ": '" + rule + "' is no rule; rules are " + ruleList();
      }
      return positiveNumber(name, value);
    }
    if (name.startsWith(PRICE_PREFIX) || name.startsWith(REGION_PREFIX) || name.startsWith(CORRECTION_PREFIX)) {
      return positiveNumber(name, value);
    }
    return name + ": unknown Burnrate setting (typo?); run `burnrate config` for the list of keys";
  }

  private static String positiveNumber(String name, String value) {
    try {
      double d = Double.parseDouble(value.trim());
      return Double.isFinite(d) && d > 0 ? null : name + ": value " + value + " must be a positive number";
    } catch (NumberFormatException e) {
      return name + ": value '" + value + "' is not a number";
    }
  }

  private static String describe(ConfigDef.ConfigKey key, String text, ConfigException e) {
    String allowed = key.validator != null ? key.validator.toString() : key.type.name().toLowerCase();
    return key.name + ": value '" + text + "' is not valid (" + e.getMessage().replaceFirst("^Invalid value [^ ]* for configuration [^ ]*: ?", "")
        + "); allowed: " + allowed;
  }

  private static String ruleList() {
    List<String> names = new ArrayList<>();
    for (AlertRule rule : AlertRule.values()) {
      if (rule != AlertRule.UNKNOWN) {
        names.add(rule.name());
      }
    }
    return String.join(", ", names);
  }

  static Map<String, String> readDefaults() {
    try (InputStream in = BurnrateConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the jar");
      }
      Properties props = new Properties();
      props.load(in);
      return toMap(props);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  private static Map<String, String> readFile(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      Properties props = new Properties();
      props.load(reader);
      return toMap(props);
    }
  }

  /**
   * {@code BURNRATE_DRY_RUN=true} sets {@code burnrate.dry.run}; {@code BURNRATE_KAFKA_BOOTSTRAP_SERVERS}
   * sets the Kafka key {@code bootstrap.servers}; {@code BURNRATE_SCHEMA_REGISTRY_URL} sets
   * {@code schema.registry.url}.
   */
  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> entry : env.entrySet()) {
      String name = entry.getKey();
      if (name.startsWith("BURNRATE_KAFKA_")) {
        out.put(dotted(name.substring("BURNRATE_KAFKA_".length())), entry.getValue());
      } else if (name.startsWith("BURNRATE_SCHEMA_REGISTRY_")) {
        out.put("schema.registry." + dotted(name.substring("BURNRATE_SCHEMA_REGISTRY_".length())), entry.getValue());
      } else if (name.startsWith("BURNRATE_") && !name.equals("BURNRATE_LOG_LEVEL") && !name.equals("BURNRATE_OPTS")
          && !name.equals("BURNRATE_JAVA_OPTS")) {
        out.put(PREFIX + dotted(name.substring("BURNRATE_".length())), entry.getValue());
      }
    }
    return out;
  }

  private static String dotted(String envName) {
    return envName.toLowerCase().replace('_', '.');
  }

  private static Map<String, String> toMap(Properties props) {
    Map<String, String> map = new TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      map.put(name, props.getProperty(name));
    }
    return map;
  }

  private static ConfigDef.Validator nonEmpty() {
    return new ConfigDef.NonEmptyString();
  }

  private static ConfigDef.Validator zoneValidator() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        try {
          ZoneId.of(String.valueOf(value));
        } catch (DateTimeException e) {
          throw new ConfigException(name, value, "not an IANA time zone id such as UTC or Europe/Berlin");
        }
      }

      @Override
      public String toString() {
        return "an IANA time zone id";
      }
    };
  }

  // ---- typed views ----

  public boolean getBoolean(String key) {
    return (Boolean) values.get(key);
  }

  public long getLong(String key) {
    return ((Number) values.get(key)).longValue();
  }

  public int getInt(String key) {
    return ((Number) values.get(key)).intValue();
  }

  public double getDouble(String key) {
    return ((Number) values.get(key)).doubleValue();
  }

  public String getString(String key) {
    return (String) values.get(key);
  }

  public TopicNames topics() {
    return new TopicNames(getString(TOPIC_REQUESTS), getString(TOPIC_REPLICAS), getString(TOPIC_BILLING),
        getString(TOPIC_CONFIG), getString(TOPIC_ALERTS), getString(TOPIC_COMMANDS), getString(TOPIC_METRICS),
        getString(TOPIC_DLQ), getString(TOPIC_SCHEMAS));
  }

  public PipelineSettings pipeline() {
    Map<AlertRule, Double> thresholds = new EnumMap<>(Thresholds.defaults().asMap());
    Map<String, Double> prices = new TreeMap<>(PriceTable.defaults().usdPerHour());
    Map<String, Double> regions = new TreeMap<>(PriceTable.defaults().regionMultipliers());
    Map<String, Double> corrections = new TreeMap<>();
    raw.forEach((name, value) -> {
      if (name.startsWith(RULE_PREFIX) && name.endsWith(RULE_SUFFIX)) {
        String rule = name.substring(RULE_PREFIX.length(), name.length() - RULE_SUFFIX.length());
        thresholds.put(AlertRule.valueOf(rule), Double.parseDouble(value.trim()));
      } else if (name.startsWith(PRICE_PREFIX)) {
        prices.put(name.substring(PRICE_PREFIX.length()), Double.parseDouble(value.trim()));
      } else if (name.startsWith(REGION_PREFIX)) {
        regions.put(name.substring(REGION_PREFIX.length()), Double.parseDouble(value.trim()));
      } else if (name.startsWith(CORRECTION_PREFIX)) {
        corrections.put(name.substring(CORRECTION_PREFIX.length()), Double.parseDouble(value.trim()));
      }
    });
    return new PipelineSettings(
        new PipelineSettings.EventTime(getLong(GRACE_EVENTS), getLong(GRACE_BILLING), getLong(MAX_FUTURE_SKEW),
            PipelineSettings.defaults().minEventTimeMs(), getLong(REPLAY_LAG)),
        new PipelineSettings.Metering(getLong(METER_STEP), getDouble(TRANSFER_PRICE), getDouble(CONCURRENCY),
            new PriceTable(prices, regions), Map.copyOf(corrections)),
        new PipelineSettings.RuleSettings(getLong(MIN_REQUESTS), getInt(TRAILING_HOURS), Thresholds.of(thresholds),
            RuleLifecycleKeys.lifecycles(raw)),
        new PipelineSettings.Commands(getLong(COMMAND_COOLDOWN), getBoolean(DRY_RUN)),
        new PipelineSettings.EndpointDefaults(
            getDouble(DEFAULT_BUDGET),
            getInt(DEFAULT_MIN_REPLICAS),
            getInt(DEFAULT_MAX_REPLICAS),
            getInt(DEFAULT_EXPECTED_MAX),
            getDouble(DEFAULT_MODEL_SIZE),
            ZoneId.of(getString(DEFAULT_TIMEZONE)),
            Criticality.valueOf(getString(DEFAULT_CRITICALITY))),
        new BaselineSettings(getInt(BASELINE_SAMPLES), Math.min(getInt(BASELINE_MIN_SAMPLES), getInt(BASELINE_SAMPLES)),
            getDouble(BASELINE_SPEND_FLOOR), getDouble(BASELINE_REQUESTS_FLOOR),
            new NoiseGate.Settings(getInt(GATE_MIN_EVALUATIONS), getLong(GATE_MIN_BREACH),
                getDouble(GATE_HYSTERESIS), getLong(GATE_MIN_CLEAR)), getBoolean(BASELINE_TRAILING_FALLBACK),
            getDouble(BASELINE_SPREAD_LIMIT), getInt(COST_PER_REQUEST_MIN_HOURS)));
  }

  /** Every key that is not Burnrate's own: Kafka Streams, consumer, producer, admin, security. */
  public Properties kafkaProperties() {
    Properties props = new Properties();
    raw.forEach((name, value) -> {
      if (!name.startsWith(PREFIX) && !name.startsWith("schema.registry.")) {
        props.put(name, value);
      }
    });
    return props;
  }

  public String registryUrl() {
    return raw.getOrDefault(REGISTRY_URL, "http://127.0.0.1:8081");
  }

  /** {@code user:password} for the registry's basic auth, or null. Never logged. */
  public String registryUserInfo() {
    return raw.get(REGISTRY_USER_INFO);
  }

  /** The truststore file for an https registry, or null for the JDK's default trust. */
  public String registryTrustStoreLocation() {
    String location = raw.get(REGISTRY_TRUSTSTORE_LOCATION);
    return location == null || location.isBlank() ? null : location.trim();
  }

  /** The registry truststore's password, or null. Never logged. */
  public String registryTrustStorePassword() {
    String password = raw.get(REGISTRY_TRUSTSTORE_PASSWORD);
    return password == null || password.isEmpty() ? null : password;
  }

  /** The registry truststore's type ({@code JKS} or {@code PKCS12}), or null for JKS. */
  public String registryTrustStoreType() {
    String type = raw.get(REGISTRY_TRUSTSTORE_TYPE);
    return type == null || type.isBlank() ? null : type.trim();
  }

  /**
   * Whether a key's value is a secret, shown only as {@value #HIDDEN}: passwords, JAAS
   * configurations (they hold the SASL password), the registry's {@code user:password} and any other
   * key naming a secret, key, token or credentials.
   */
  public static boolean isSecret(String key) {
    String name = key.toLowerCase(Locale.ROOT);
    return name.contains("password") || name.endsWith("jaas.config") || name.endsWith("user.info")
        || name.contains("secret") || name.contains("token") || name.endsWith(".key")
        || name.contains("credentials") && !name.endsWith("credentials.source");
  }

  /** Every merged setting, key = value, one per line, secrets as {@value #HIDDEN}. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    raw.forEach((name, value) -> out.append(name).append(" = ").append(isSecret(name) ? HIDDEN : value)
        .append(System.lineSeparator()));
    return out.toString();
  }

  /** Names the settings, never a secret's value (see {@link #isSecret}). */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("BurnrateConfig{");
    String separator = "";
    for (Map.Entry<String, String> entry : raw.entrySet()) {
      out.append(separator).append(entry.getKey()).append('=')
          .append(isSecret(entry.getKey()) ? HIDDEN : entry.getValue());
      separator = ", ";
    }
    return out.append('}').toString();
  }

  public String applicationId() {
    return raw.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, "burnrate");
  }

  /** The documentation table of every Burnrate key. */
  public static String documentation() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-45s %-10s %-22s %s%n", "key", "type", "default", "meaning"));
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      out.append(String.format("%-45s %-10s %-22s %s%n", key.name, key.type.name().toLowerCase(),
          key.defaultValue == null ? "" : key.defaultValue, key.documentation));
    }
    out.append(String.format("%-45s %-10s %-22s %s%n", REGISTRY_URL, "list", "http://127.0.0.1:8081",
        "schema registry base URLs, comma-separated, http or https"));
    out.append(String.format("%-45s %-10s %-22s %s%n", REGISTRY_USER_INFO, "password", "",
        "user:password for the registry's HTTP Basic auth"));
    out.append(String.format("%-45s %-10s %-22s %s%n", REGISTRY_TRUSTSTORE_LOCATION, "string", "",
        "truststore file for an https registry (default: the JDK's trusted certificates)"));
    out.append(String.format("%-45s %-10s %-22s %s%n", REGISTRY_TRUSTSTORE_PASSWORD, "password", "",
        "password of that truststore"));
    out.append(String.format("%-45s %-10s %-22s %s%n", REGISTRY_TRUSTSTORE_TYPE, "string", "JKS",
        "type of that truststore: JKS or PKCS12"));
    PriceTable prices = PriceTable.defaults();
    new TreeMap<>(prices.usdPerHour()).forEach((instanceType, usd) -> out.append(String.format("%-45s %-10s %-22s %s%n",
        PRICE_PREFIX + instanceType, "double", usd, "USD per replica-hour in US East, when the config has no"
            + " hourly_price_usd (any other instance type: " + PRICE_PREFIX + "<instance_type>)")));
    new TreeMap<>(prices.regionMultipliers()).forEach((region, factor) -> out.append(String.format("%-45s %-10s %-22s %s%n",
        REGION_PREFIX + region, "double", factor, "regional price multiplier (any other region: " + REGION_PREFIX
            + "<region>)")));
    out.append(String.format("%-45s %-10s %-22s %s%n", CORRECTION_PREFIX + "<endpoint_id>", "double", "1.0",
        "factor on an endpoint's metered estimate, to match its bill (see the drift ratio)"));
    return out.toString();
  }
}
