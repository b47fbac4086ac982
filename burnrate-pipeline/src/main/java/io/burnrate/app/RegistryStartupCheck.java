package io.burnrate.app;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroSchemas;
import io.burnrate.serde.RegisteredSchema;
import io.burnrate.serde.RegistryException;
import io.burnrate.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code burnrate run} checks before Kafka Streams starts: that the schema registry answers
 * (retrying with backoff until a time limit, with a warning per failed attempt), that Burnrate can
 * read the latest schema of each subject it reads, and that the registry would accept Burnrate's
 * schema on each subject it writes.
 *
 * <pre>{@code
 * new RegistryStartupCheck(client, config.registryUrl(), Duration.ofMinutes(2))
 *     .run(RegistryStartupCheck.expectations(config.topics(), autoRegister));
 * }</pre>
 */
public final class RegistryStartupCheck {

  /** How Burnrate uses a subject. */
  public enum Use {
    /** Burnrate reads records of the subject: it must be able to read its latest schema. */
    READS,
    /** Burnrate registers its schema there on first use: the subject's compatibility must allow it. */
    WRITES,
    /** Burnrate writes with its schema but does not register it: the schema must be there already. */
    WRITES_REGISTERED
  }

  /** One subject and the schema Burnrate reads it with or writes to it. */
  public record Expectation(String subject, Schema schema, Use use) {
    public Expectation {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(use, "use");
    }
  }

  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(RegistryStartupCheck.class);
  private static final int MAX_REASONS_SHOWN = 3;

  private final SchemaRegistryClient registry;
  private final String registryUrl;
  private final Duration timeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  /**
   * @param registry the client the pipeline uses
   * @param registryUrl the registry's URL as configured, for messages (it never carries credentials)
   * @param timeout how long to keep trying to reach the registry; zero tries once
   */
  public RegistryStartupCheck(SchemaRegistryClient registry, String registryUrl, Duration timeout) {
    this(registry, registryUrl, timeout, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  /** As above, with the pause before the second attempt, doubled for each further one up to {@code maxBackoff}. */
  public RegistryStartupCheck(
      SchemaRegistryClient registry, String registryUrl, Duration timeout, Duration initialBackoff,
      Duration maxBackoff) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
    this.timeout = requireNotNegative("timeout", timeout);
    this.initialBackoff = requireNotNegative("initialBackoff", initialBackoff);
    this.maxBackoff = requireNotNegative("maxBackoff", maxBackoff);
  }

  /** The subjects of Burnrate's topics under the topic-name strategy, with the schemas of the contract. */
  public static List<Expectation> expectations(TopicNames topics, boolean autoRegister) {
    Use writes = autoRegister ? Use.WRITES : Use.WRITES_REGISTERED;
    return List.of(
        reads(topics.requests(), InferenceRequest.class),
        reads(topics.replicas(), ReplicaEvent.class),
        reads(topics.billing(), BillingEvent.class),
        reads(topics.endpointConfig(), EndpointConfig.class),
        writes(topics.alerts(), CostAlert.class, writes),
        writes(topics.commands(), ScalingCommand.class, writes));
  }

  /**
   * Reaches the registry and checks every expectation; returns when all hold.
   *
   * @throws RegistryStartupException naming the URL and the reason: not reachable within the
   *     timeout, a refusal (e.g. 401), or each subject that fails with why
   */
  public void run(List<Expectation> expectations) {
    long started = System.nanoTime();
    Duration pause = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        List<String> problems = new ArrayList<>();
        for (Expectation expectation : expectations) {
          problemWith(expectation).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
          throw new RegistryStartupException(registryUrl, problems, null);
        }
        log.info("Schema registry at {} answers; {} subject(s) checked", registryUrl, expectations.size());
        return;
      } catch (RegistryException e) {
        if (!e.isUnavailable()) {
          throw new RegistryStartupException(registryUrl, List.of("refused the start-up check: " + e.getMessage()
              + hint(e)), e);
        }
        Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - started));
        if (left.isNegative() || left.isZero()) {
          throw new RegistryStartupException(registryUrl, List.of("not reachable within " + describe(timeout)
              + " (" + BurnrateConfig.REGISTRY_STARTUP_TIMEOUT + "): " + e.getMessage()
              + "; check " + BurnrateConfig.REGISTRY_URL + " and that the registry runs"), e);
        }
        Duration wait = pause.compareTo(left) < 0 ? pause : left;
        log.warn("Schema registry at {} not reachable (attempt {}): {}; next attempt in {}, giving up in {}",
            registryUrl, attempt, e.getMessage(), describe(wait), describe(left));
        pauseFor(wait);
        pause = pause.multipliedBy(2).compareTo(maxBackoff) < 0 ? pause.multipliedBy(2) : maxBackoff;
      }
    }
  }

  private Optional<String> problemWith(Expectation expectation) {
    String subject = expectation.subject();
    Schema ours = expectation.schema();
    switch (expectation.use()) {
      case READS -> {
        Optional<RegisteredSchema> latest = registry.latestVersion(subject);
        if (latest.isEmpty()) {
          log.debug("Subject {} has no version yet; nothing to check", subject);
          return Optional.empty();
        }
        List<String> reasons = readProblems(ours, latest.get().schema());
        return reasons.isEmpty()
            ? Optional.empty()
            : Optional.of("subject " + subject + ": Burnrate cannot read its latest schema (version "
                + latest.get().version() + ", id " + latest.get().id() + ") as " + ours.getFullName() + ": "
                + String.join("; ", reasons)
                + "; register a schema compatible with the contract or upgrade Burnrate");
      }
      case WRITES -> {
        List<String> reasons = registry.incompatibilities(subject, ours);
        return reasons.isEmpty()
            ? Optional.empty()
            : Optional.of("subject " + subject + ": the registry would refuse Burnrate's " + ours.getFullName()
                + ": " + reasons.stream().limit(MAX_REASONS_SHOWN).collect(Collectors.joining("; ")));
      }
      case WRITES_REGISTERED -> {
        try {
          registry.getId(subject, ours);
          return Optional.empty();
        } catch (RegistryException e) {
          if (!e.isRegistryNotFound()) {
            throw e;
          }
          return Optional.of("subject " + subject + ": Burnrate's " + ours.getFullName()
              + " is not registered there and " + BurnrateConfig.AUTO_REGISTER
              + " is false; register it first or turn auto-registration on");
        }
      }
      default -> throw new IllegalStateException("unknown use " + expectation.use());
    }
  }

  private static List<String> readProblems(Schema reader, Schema writer) {
    SchemaCompatibility.SchemaPairCompatibility check =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (check.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    return check.getResult().getIncompatibilities().stream()
        .limit(MAX_REASONS_SHOWN)
        .map(i -> i.getMessage() + " at " + i.getLocation())
        .toList();
  }

  private static String hint(RegistryException e) {
    return switch (e.status()) {
      case 401, 403 -> "; check " + BurnrateConfig.REGISTRY_USER_INFO;
      case 404 -> "; is " + BurnrateConfig.REGISTRY_URL + " the registry's base URL?";
      default -> "";
    };
  }

  private static Expectation reads(String topic, Class<? extends SpecificRecord> type) {
    return new Expectation(topic + "-value", AvroSchemas.schemaOf(type), Use.READS);
  }

  private static Expectation writes(String topic, Class<? extends SpecificRecord> type, Use use) {
    return new Expectation(topic + "-value", AvroSchemas.withoutJavaProperties(AvroSchemas.schemaOf(type)), use);
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static void pauseFor(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the schema registry", e);
    }
  }

  private static Duration requireNotNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
    }
    return value;
  }
}
