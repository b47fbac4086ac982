package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.replay.ApplicationReset;
import io.burnrate.replay.BillingReplayer;
import io.burnrate.replay.ColumnMapping;
import io.burnrate.replay.ConsoleProgress;
import io.burnrate.replay.KafkaBillingSink;
import io.burnrate.replay.ProgressListener;
import io.burnrate.replay.ReplayFailedException;
import io.burnrate.replay.ReplayInputException;
import io.burnrate.replay.RecordTime;
import io.burnrate.replay.ReplayOptions;
import io.burnrate.replay.ReplaySummary;
import io.burnrate.replay.RetentionGuard;
import io.burnrate.replay.RowValidator;
import io.burnrate.replay.Throttle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Replays historical billing exports into the billing topic, or resets the pipeline to reprocess. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Replay historical billing exports into billing.events with their original timestamps, so the pipeline"
          + " computes the alerts of the past (its commands for history are always dry_run).",
      "",
      "Formats, by file name: CSV (*.csv) and JSON Lines (*.jsonl, *.json.gz), plain or gzip (*.gz). A directory"
          + " means every such file directly inside it, in name order.",
      "CSV: a header line, by default line_item_id,endpoint_id,usage_start,usage_end,category,instance_type,"
          + "region,quantity,unit,cost_usd (any order, other columns ignored). JSON Lines: one object per line"
          + " with the same keys. Times are ISO-8601 (2026-11-02T10:00:00Z) or epoch milliseconds; an empty"
          + " instance_type is none; category is one of COMPUTE, COLD_START_TRANSFER, EGRESS, STORAGE, OTHER"
          + " (any case).",
      "",
      "Every row is checked before it is sent. A bad row goes to <input>.rejects.csv (or .rejects.jsonl) next to"
          + " its input, as it was plus a reason like 'bill.csv:17: usage_end: before usage_start', and the"
          + " replay goes on. The summary gives the rows read, sent and rejected.",
      "Replaying the same file twice changes no spend: the pipeline de-duplicates line items by line_item_id.",
      "",
      "Send the rows in usage_end order (or use --sort): a row ending more than the billing grace (48 h) before"
          + " rows the pipeline has already seen is dead-lettered as late.",
      "The records carry usage_end as their timestamp, and a topic deletes records by their timestamp: a replay"
          + " stops at a row older than billing.events keeps (retention.ms). Raise retention.ms for the replay, or"
          + " use --record-time now. (The pipeline's outputs for history carry old timestamps too: give cost.alerts"
          + " and scaling.commands the retention you need to read them.)",
      "",
      "To reprocess from scratch (e.g. after changing thresholds): stop every pipeline instance, run"
          + " 'burnrate replay --reset-application' to preview and 'burnrate replay --reset-application --yes'"
          + " to reset, then start the pipeline again. This runs Kafka's streams reset tool for the configured"
          + " application.id (input topics back to the earliest retained record, internal topics deleted) and"
          + " deletes the local state folder state.dir/application.id.",
      ""},
    footer = {
      "",
      "Examples:",
      "  burnrate replay exports/ -b kafka:9092 -r http://registry:8081",
      "  burnrate replay cur-2026-11.csv.gz --map cost_usd=lineItem/UnblendedCost --dry-run",
      "  burnrate replay --reset-application --yes -b kafka:9092",
      "",
      "Exit codes: 0 every row sent or rejected (or reset done), 1 a send or reset failed, 2 bad usage"
          + " (bad option, missing file, unknown column)."})
final class ReplayCommand implements Callable<Integer> {
  private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Billing exports, or directories of them.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--map", paramLabel = "FIELD=COLUMN",
      description = "Read a billing field from another column or key (repeatable), e.g."
          + " --map cost_usd=lineItem/UnblendedCost.")
  Map<String, String> mapping = new LinkedHashMap<>();

  @Option(names = "--rate", paramLabel = "ROWS", description = "Send at most ROWS rows per second.")
  Double rate;

  @Option(names = "--dry-run",
      description = "Validate and count only: send nothing (the reject files are still written).")
  boolean dryRun;

  @Option(names = "--sort",
      description = "Read every input first, then send the rows in usage_end order (holds them all in memory).")
  boolean sort;

  @Option(names = "--record-time", paramLabel = "WHEN", defaultValue = "usage-end",
      description = "The Kafka record timestamp: usage-end (default; the topic must keep records that old) or now"
          + " (for a topic whose retention is shorter than the export's age).")
  String recordTime;

  @Option(names = "--no-progress", description = "No progress bar or progress lines on stderr.")
  boolean noProgress;

  @Option(names = "--reset-application",
      description = "Instead of replaying: reset the pipeline's offsets and state to reprocess from scratch"
          + " (a preview without --yes).")
  boolean resetApplication;

  @Option(names = "--yes", description = "With --reset-application: do it.")
  boolean yes;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with Burnrate and Kafka settings.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set any Burnrate or Kafka key (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = {"-r", "--registry-url"}, paramLabel = "URL", description = "Confluent-API schema registry URL.")
  String registryUrl;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (resetApplication) {
      return reset();
    }
    if (yes) {
      return usage("--yes goes with --reset-application");
    }
    ColumnMapping columns;
    try {
      columns = ColumnMapping.of(mapping);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
      return usage("--rate must be a positive number of rows per second, not " + rate);
    }
    RecordTime stamp;
    switch (recordTime) {
      case "usage-end" -> stamp = RecordTime.USAGE_END;
      case "now" -> stamp = RecordTime.NOW;
      default -> {
        return usage("--record-time must be usage-end or now, not '" + recordTime + "'");
      }
    }
    BurnrateConfig config = loadConfig();
    ReplayOptions options = ReplayOptions.defaults()
        .withMapping(columns)
        .withDryRun(dryRun)
        .withThrottle(rate == null ? Throttle.unlimited() : Throttle.perSecond(rate))
        .withSortByTime(sort)
        .withBillingGraceMs(config.getLong(BurnrateConfig.GRACE_BILLING));
    BillingReplayer replayer = new BillingReplayer(new RowValidator(config.pipeline().minEventTimeMs(),
        config.getLong(BurnrateConfig.MAX_FUTURE_SKEW), Clock.systemUTC()));
    ProgressListener progress = noProgress ? ProgressListener.NONE : ConsoleProgress.onStderr(err);
    String topic = config.topics().billing();
    KafkaBillingSink sink = null;
    try {
      BillingReplayer.checkInputs(inputs, columns);
      if (!dryRun) {
        options = options.withRetention(stamp == RecordTime.NOW ? RetentionGuard.NONE : retentionOf(config, topic));
        sink = new KafkaBillingSink(clientProperties(config), RunCommand.registryClient(config), topic,
            config.getBoolean(BurnrateConfig.AUTO_REGISTER), stamp);
      }
      ReplaySummary summary = replayer.replay(inputs, sink, options, progress);
      print(summary, topic, options);
      return 0;
    } catch (ReplayInputException e) {
      return usage(e.getMessage());
    } catch (ReplayFailedException e) {
      err.println("error: " + e.getMessage());
      if (e.partial() != null) {
        print(e.partial(), topic, options);
      }
      err.println("Rows sent before the failure stay sent; replaying the same files again is safe (line items"
          + " are de-duplicated by line_item_id).");
      err.flush();
      return ExitCodes.FAILURE;
    } finally {
      if (sink != null) {
        sink.close();
      }
    }
  }

  private int reset() {
    if (!inputs.isEmpty() || dryRun || sort || rate != null || !mapping.isEmpty()) {
      return usage("--reset-application resets only; replay the files in a second run, after the reset");
    }
    BurnrateConfig config = loadConfig();
    TopicNames topics = config.topics();
    List<String> inputTopics = List.of(topics.requests(), topics.replicas(), topics.billing(),
        topics.endpointConfig());
    String stateDir = config.kafkaProperties().getProperty(StreamsConfig.STATE_DIR_CONFIG,
        String.valueOf(StreamsConfig.configDef().defaultValues().get(StreamsConfig.STATE_DIR_CONFIG)));
    ApplicationReset reset;
    try {
      reset = new ApplicationReset(config.applicationId(), clientProperties(config), inputTopics, Path.of(stateDir));
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!yes) {
      out.println("Preview, nothing is changed: Kafka's streams reset tool for application.id "
          + config.applicationId() + " (input topics " + String.join(", ", inputTopics) + " to the earliest):");
      out.flush();
      int exit = reset.run(true);
      if (exit != 0) {
        err.println("error: the streams reset tool failed (exit code " + exit + "); see its output above");
        return ExitCodes.FAILURE;
      }
      out.println("Then the local state " + reset.stateDirectory() + " would be deleted.");
      out.println("Stop every instance of the pipeline, then run again with --yes to reset.");
      return 0;
    }
    int exit = reset.run(false);
    if (exit != 0) {
      err.println("error: the streams reset tool failed (exit code " + exit + "); see its output above. Is every"
          + " instance of the pipeline stopped?");
      return ExitCodes.FAILURE;
    }
    out.println("Reset application.id " + config.applicationId() + ": input offsets at the earliest, internal topics"
        + " deleted, local state " + reset.stateDirectory() + " deleted.");
    out.println("Delete state.dir/" + config.applicationId() + " on every other machine that ran an instance, then"
        + " start the pipeline (burnrate run) to reprocess from scratch.");
    return 0;
  }

  private static RetentionGuard retentionOf(BurnrateConfig config, String topic) {
    try (Admin admin = Admin.create(clientProperties(config))) {
      return RetentionGuard.describe(admin, topic, System.currentTimeMillis(), TOPIC_CHECK_TIMEOUT);
    }
  }

  private BurnrateConfig loadConfig() {
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    if (bootstrapServers != null) {
      overrides.put("bootstrap.servers", bootstrapServers);
    }
    if (registryUrl != null) {
      overrides.put(BurnrateConfig.REGISTRY_URL, registryUrl);
    }
    return BurnrateConfig.load(configFile, System.getenv(), overrides);
  }

  private static Map<String, Object> clientProperties(BurnrateConfig config) {
    Map<String, Object> props = new HashMap<>();
    config.kafkaProperties().forEach((key, value) -> props.put(String.valueOf(key), value));
    return props;
  }

  private void print(ReplaySummary summary, String topic, ReplayOptions options) {
    PrintWriter out = spec.commandLine().getOut();
    summary.describe(topic, options.billingGraceMs()).forEach(out::println);
    out.flush();
  }

  private int usage(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: " + message);
    err.println("(see burnrate replay --help)");
    err.flush();
    return ExitCodes.USAGE;
  }
}
