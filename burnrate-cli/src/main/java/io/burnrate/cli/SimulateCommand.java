package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.sim.Drain;
import io.burnrate.sim.EventSink;
import io.burnrate.sim.FileSink;
import io.burnrate.sim.GroundTruth;
import io.burnrate.sim.KafkaSink;
import io.burnrate.sim.Pace;
import io.burnrate.sim.ProgressLine;
import io.burnrate.sim.ScenarioSpec;
import io.burnrate.sim.SimDurations;
import io.burnrate.sim.SimulationPlan;
import io.burnrate.sim.Simulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code burnrate simulate}: a deterministic fleet of inference endpoints, to files or to the topics. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Simulates a fleet of AI inference endpoints: requests with daily and weekly traffic shapes, an autoscaler"
          + " (up above 70 %% utilization, down below 30 %% after the scale-down delay), replica events, and"
          + " hourly bills that arrive 1-2 hours late; plus cost scenarios with their ground truth.",
      "The same --seed gives byte-identical output; endpoint i behaves the same whatever --endpoints is.",
      "Without --out, records go to the Kafka topics (-b, -r), paced; with --out DIR they go to files, as fast as"
          + " possible (add -b to produce to Kafka too)."
    },
    footer = {
      "",
      "Scenarios (--scenario NAME:ENDPOINT[@START][+DURATION], repeatable):",
      "  ENDPOINT is an index (5) or an id (ep-00005); START an ISO-8601 instant in UTC (2026-11-02T09:00:00Z)"
          + " or an offset from --start (9h); START and DURATION default to the scenario's usual time.",
      "  DEATH_SPIRAL      min_replicas 0 and traffic in 3-minute bursts every 15 minutes: each burst cold-starts"
          + " four replicas (16 cold starts an hour). Expects COLD_START_FREQUENCY.",
      "  RUNAWAY_SCALING   the autoscaler adds a replica every 7 minutes whatever the load, past"
          + " expected_max_replicas. Expects RUNAWAY_SCALING.",
      "  BUDGET_OVERRUN    4x the requests, each 2.5x the work, ramping up over 30 minutes: the day's spend passes"
          + " 120, 150 and 200 %% of budget (the tiers the window's length allows). Expects HOURLY_SPEND_RATE and"
          + " DAILY_BUDGET_120/150/200.",
      "  TRAFFIC_SURGE     8x the requests: replicas hit max_replicas, requests queue and get 429."
          + " Expects REQUEST_SURGE.",
      "  OVER_PROVISIONED  a small model on the endpoint's instance: requests take 1/20 of the time, utilization"
          + " < 10 %%. Expects LOW_UTILIZATION.",
      "  PRICIER_REGION    the endpoint runs in ap-southeast-1 and its compute is billed 40 %% above list: > 30 %%"
          + " more per instance-hour than its instance type elsewhere. Expects REGIONAL_COST_VARIANCE.",
      "  Without --scenario (and without --no-scenarios) the default mix runs on the first twelve endpoints:"
          + " DEATH_SPIRAL on 5 at 9h for 3h, RUNAWAY_SCALING on 2 at 13h for 2h, BUDGET_OVERRUN on the first UTC"
          + " endpoint of 3, 8, 0, 6, 1 at 4h for 19h, TRAFFIC_SURGE on 7 at 15h for 1h, OVER_PROVISIONED on 10 at"
          + " 6h for 12h, PRICIER_REGION on 9 for the whole run (times scaled down for runs shorter than a day).",
      "",
      "Files (--out DIR): <topic>.csv and <topic>.jsonl for endpoint.config, inference.requests,"
          + " inference.replicas and billing.events (rows in appearance order; CSV header = the record's field"
          + " names, instants ISO-8601 UTC), and ground-truth.json. billing.events.csv has the header",
      "  line_item_id,endpoint_id,usage_start,usage_end,category,instance_type,region,quantity,unit,cost_usd",
      "",
      "Examples:",
      "  burnrate simulate --out sim-data",
      "  burnrate simulate -b 127.0.0.1:9092 -r http://127.0.0.1:8081 --speed 720",
      "  burnrate simulate --endpoints 100 --duration 7d --scenario DEATH_SPIRAL:17@2026-11-03T09:00:00Z+3h --out week",
      "",
      "Exit codes: 0 done, 1 failure while running, 2 bad usage."
    })
public final class SimulateCommand implements Callable<Integer> {
  static final double DEFAULT_KAFKA_SPEED = 720;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(names = {"-n", "--endpoints"}, paramLabel = "N", defaultValue = "24",
      description = "Endpoints in the fleet, 1 to 1,000,000 (default: ${DEFAULT-VALUE}).")
  int endpoints;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
      description = "Random seed; the same seed gives the same records (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2026-11-02T00:00:00Z",
      description = "Simulated start, ISO-8601 in UTC (default: ${DEFAULT-VALUE}, a Monday).")
  String start;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "1d",
      description = "Simulated time to cover: 1d, 7d, 6h, 90m or ISO-8601 PT6H; at most 366d (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--speed", paramLabel = "X|max",
      description = "Simulated seconds per real second when producing to Kafka (720: a day in 2 minutes), or max"
          + " for as fast as possible (default: 720 to Kafka, max for --out alone).")
  String speed;

  @Option(names = "--peak-rate", paramLabel = "REQ/S", defaultValue = "6",
      description = "Requests per second of an average endpoint at its weekday peak (each draws 0.8-1.2x;"
          + " below about 4, quiet hours may fall under 10 %% utilization) (default: ${DEFAULT-VALUE}).")
  double peakRate;

  @Option(names = "--scale-down-delay", paramLabel = "DURATION", defaultValue = "10m",
      description = "How long utilization must stay below 30 %% before the autoscaler removes replicas"
          + " (default: ${DEFAULT-VALUE}).")
  String scaleDownDelay;

  @Option(names = "--billing-delay", paramLabel = "MIN..MAX", defaultValue = "1h..2h",
      description = "When an hour's bill appears after the hour ends, drawn between MIN and MAX"
          + " (default: ${DEFAULT-VALUE}).")
  String billingDelay;

  @Option(names = "--scenario", paramLabel = "NAME:ENDPOINT[@START][+DURATION]",
      description = "Inject a scenario (repeatable); see below.")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--no-scenarios", description = "A healthy fleet: no scenario, not even the default mix.")
  boolean noScenarios;

  @Option(names = "--out", paramLabel = "DIR", description = "Write CSV and JSON Lines files and ground-truth.json here.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    BurnrateConfig config = options.load();
    SimulationPlan plan;
    Double speedValue;
    try {
      plan = plan(config);
      speedValue = speed();
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    boolean toKafka = out == null || options.bootstrapServers != null || options.registryUrl != null;
    Simulator simulator = new Simulator(plan);
    List<GroundTruth> truth = simulator.groundTruth();
    double pace = speedValue != null ? speedValue : toKafka ? DEFAULT_KAFKA_SPEED : Double.POSITIVE_INFINITY;
    List<EventSink> sinks = new ArrayList<>();
    try {
      if (out != null) {
        FileSink files = new FileSink(out, config.topics());
        sinks.add(files);
        files.writeGroundTruth(truth);
      }
      if (toKafka) {
        sinks.add(new KafkaSink(producerConfig(config), RunCommand.registryClient(config)));
      }
      ProgressLine progress = new ProgressLine(err, plan.start(), plan.end());
      Pace pacing = pace == Double.POSITIVE_INFINITY ? Pace.unpaced() : Pace.of(pace, plan.start());
      long records = Drain.run(simulator.events(), pacing, progress, sinks);
      report(stdout, config, records, truth, toKafka);
    } finally {
      for (EventSink sink : sinks) {
        sink.close();
      }
    }
    return 0;
  }

  private void report(PrintWriter stdout, BurnrateConfig config, long records, List<GroundTruth> truth, boolean toKafka) {
    if (out != null) {
      stdout.println("Wrote " + records + " records to " + out.toAbsolutePath().normalize() + " (ground truth in "
          + FileSink.GROUND_TRUTH_FILE + ")");
    }
    if (toKafka) {
      stdout.println("Produced " + records + " records to " + config.kafkaProperties().getProperty("bootstrap.servers")
          + " (schemas at " + config.registryUrl() + ")");
    }
    for (GroundTruth t : truth) {
      stdout.printf(Locale.ROOT, "  %-17s %s %s .. %s expects %s%n", t.scenario(), t.endpointId(), t.start(), t.end(),
          t.expectedRules());
    }
    stdout.flush();
  }

  /** The options as a plan; a bad option is a {@link UsageException} naming it and what is allowed. */
  SimulationPlan plan(BurnrateConfig config) {
    if (endpoints < 1 || endpoints > SimulationPlan.MAX_ENDPOINTS) {
      throw new UsageException("--endpoints must be between 1 and " + SimulationPlan.MAX_ENDPOINTS + ", was "
          + endpoints);
    }
    Instant startAt = instant("--start", start);
    Duration length = duration("--duration", duration);
    if (length.isZero() || length.compareTo(SimulationPlan.MAX_DURATION) > 0) {
      throw new UsageException("--duration must be more than 0 and at most 366d, was '" + duration + "'");
    }
    if (!(peakRate > 0) || peakRate > SimulationPlan.MAX_PEAK_RATE) {
      throw new UsageException("--peak-rate must be more than 0 and at most " + (long) SimulationPlan.MAX_PEAK_RATE
          + " requests/s, was " + peakRate);
    }
    Duration delay = duration("--scale-down-delay", scaleDownDelay);
    String[] billing = billingDelay.split("\\.\\.", -1);
    if (billing.length != 2) {
      throw new UsageException("--billing-delay must be MIN..MAX such as 1h..2h, was '" + billingDelay + "'");
    }
    Duration billingMin = duration("--billing-delay", billing[0]);
    Duration billingMax = duration("--billing-delay", billing[1]);
    if (billingMax.compareTo(billingMin) < 0) {
      throw new UsageException("--billing-delay must have MIN <= MAX, was '" + billingDelay + "'");
    }
    if (noScenarios && !scenarios.isEmpty()) {
      throw new UsageException("--no-scenarios and --scenario exclude each other; give one of them");
    }
    SimulationPlan.Builder builder = SimulationPlan.builder().endpoints(endpoints).seed(seed).start(startAt)
        .duration(length).peakRate(peakRate).scaleDownDelay(delay).billingDelay(billingMin, billingMax)
        .topics(config.topics());
    if (noScenarios) {
      builder.noScenarios();
    }
    for (String text : scenarios) {
      try {
        ScenarioSpec.parse(text).addTo(builder, startAt);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--scenario '" + text + "': " + e.getMessage());
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--scenario: " + e.getMessage());
    }
  }

  private Double speed() {
    if (speed == null) {
      return null;
    }
    if (speed.trim().equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double value = Double.parseDouble(speed.trim());
      if (value > 0 && !Double.isInfinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--speed must be a number of simulated seconds per second above 0 (e.g. 720) or max,"
        + " was '" + speed + "'");
  }

  private static Instant instant(String option, String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " must be an ISO-8601 instant in UTC such as 2026-11-02T00:00:00Z, was '"
          + text + "'");
    }
  }

  private static Duration duration(String option, String text) {
    try {
      return SimDurations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  /** Producer keys of the configuration (bootstrap servers, security), without the Streams-only ones. */
  static Map<String, Object> producerConfig(BurnrateConfig config) {
    Set<String> producerKeys = ProducerConfig.configNames();
    Map<String, Object> producer = new HashMap<>();
    config.kafkaProperties().forEach((key, value) -> {
      String name = String.valueOf(key);
      if (producerKeys.contains(name) && !name.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
        producer.put(name, value);
      }
    });
    return producer;
  }

  /** A bad option: reported in one line with exit code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
