package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.demo.DemoConsole;
import io.burnrate.demo.DemoReport;
import io.burnrate.demo.DemoTables;
import io.burnrate.local.LocalStack;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.JsonSerde;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.sim.KafkaSink;
import io.burnrate.sim.Pace;
import io.burnrate.sim.Progress;
import io.burnrate.sim.Scenario;
import io.burnrate.sim.SimDurations;
import io.burnrate.sim.SimEvent;
import io.burnrate.sim.SimulationPlan;
import io.burnrate.sim.Simulator;
import io.burnrate.tail.RecordLines;
import io.burnrate.tail.TopicTail;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * One command, nothing to set up: the embedded broker and registry, the pipeline, and the simulator
 * with a few anomalies injected; the alerts and commands as they happen; a summary at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Run Burnrate on a simulated fleet: starts an embedded Kafka broker and schema registry, the pipeline"
          + " and the traffic simulator with a death spiral, a budget overrun, runaway scaling and an"
          + " over-provisioned endpoint injected, shows the alerts and scale-down commands as they happen, and ends"
          + " with a summary per endpoint and how the detections compare with what was injected.",
      "One simulated day takes about two minutes. Ctrl-C stops everything cleanly."})
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final String APPLICATION_ID = "burnrate-demo";

  @Spec CommandSpec spec;

  @Option(names = "--endpoints", defaultValue = "8", description = "Endpoints simulated (default: ${DEFAULT-VALUE}).")
  int endpoints;

  @Option(names = "--duration", defaultValue = "1d", description = "Simulated time (default: ${DEFAULT-VALUE}); "
      + SimDurations.ALLOWED + ".")
  String duration;

  @Option(names = "--speed", defaultValue = "720",
      description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}, a day in two minutes).")
  double speed;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed, the same day.")
  long seed;

  @Option(names = "--peak-rate", defaultValue = "1.0",
      description = "Requests per second of an endpoint at its daily peak (default: ${DEFAULT-VALUE}).")
  double peakRate;

  @Option(names = "--start", description = "Simulated start, an ISO instant (default: ${DEFAULT-VALUE}).",
      defaultValue = "2026-11-02T00:00:00Z")
  Instant start;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the broker's data and the pipeline's state here (default: a temporary directory, removed"
          + " at the end).")
  Path dataDir;

  @Option(names = "--http-port", defaultValue = "8080",
      description = "Port of /metrics, /health and the queries (default: ${DEFAULT-VALUE}; a free one if taken).")
  int httpPort;

  @Option(names = "--keep-running",
      description = "Leave the broker, registry, pipeline and HTTP endpoint up after the summary, until Ctrl-C.")
  boolean keepRunning;

  @Option(names = "--color", defaultValue = "auto", description = "auto, always or never.")
  String color;

  @Option(names = "--all-alerts",
      description = "Show INFO alerts (LOW_UTILIZATION, REGIONAL_COST_VARIANCE) as they happen too; by default they"
          + " are only counted, as on-call would route them to a ticket rather than a page.")
  boolean allAlerts;

  @Override
  public Integer call() throws Exception {
    validate();
    quietLogs();
    Duration simulated = SimDurations.parse(duration);
    PrintWriter out = spec.commandLine().getOut();
    boolean terminal = System.console() != null;
    DemoConsole console = new DemoConsole(out, terminal && !"never".equals(color));
    RecordLines lines = new RecordLines(ansi());
    Simulator simulator = new Simulator(plan(simulated));
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory("burnrate-demo") : dataDir;
    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Thread hook = new Thread(() -> {
      stopping.set(true);
      stopRequested.countDown();
      main.interrupt();
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "burnrate-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      console.line(String.format(Locale.ROOT, "Burnrate demo: %d endpoints, %s of simulated time from %s at %.0fx",
          endpoints, SimDurations.format(simulated), CLOCK.format(start), speed));
      simulator.groundTruth().forEach(t -> console.line(String.format(Locale.ROOT, "  injected: %-17s on %-20s %s to %s",
          t.scenario(), t.endpointId(), CLOCK.format(t.start()), CLOCK.format(t.end()))));
      console.line("Starting the embedded Kafka broker and schema registry...");
      try (LocalStack stack = LocalStack.start(LocalStack.Options.in(dir.resolve("local")))) {
        console.line("Starting the pipeline...");
        BurnrateConfig config = config(stack, dir, httpPort);
        try (RunningPipeline pipeline = startPipeline(stack, dir, console)) {
          awaitRunning(pipeline, stopping);
          console.line("Pipeline running; /metrics and queries at " + pipeline.http().url());
          DemoReport report = new DemoReport();
          List<Reader> readers = startReaders(config, report, console, lines);
          try {
            simulate(simulator, config, console, report, stopping);
            if (!stopping.get()) {
              awaitCaughtUp(config, console, stopping);
              awaitOutputsQuiet(readers, stopping);
              console.endProgress();
              printSummary(out, simulator, report);
            }
            if (keepRunning && !stopping.get()) {
              out.println("Still running (--keep-running): Kafka at " + stack.bootstrapServers() + ", registry at "
                  + stack.registryUrl() + ", metrics at " + pipeline.http().url() + "/metrics. Ctrl-C stops.");
              out.flush();
              stopRequested.await();
            }
          } finally {
            readers.forEach(Reader::close);
          }
        }
      }
    } catch (InterruptedException e) {
      if (!stopping.get()) {
        throw e;
      }
    } finally {
      console.endProgress();
      if (temporary) {
        deleteQuietly(dir);
      }
      finished.countDown();
      if (!stopping.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    if (stopping.get()) {
      out.println("Stopped.");
      out.flush();
    }
    return 0;
  }

  /**
   * The demo speaks through its own console; the broker's and Kafka Streams' routine logs would bury
   * it. Errors still show, and --verbose keeps everything.
   */
  private static void quietLogs() {
    if (org.slf4j.LoggerFactory.getLogger("io.burnrate").isDebugEnabled()) {
      return;
    }
    setLevel("io.burnrate", ch.qos.logback.classic.Level.WARN);
    setLevel("org.apache.kafka", ch.qos.logback.classic.Level.ERROR);
    setLevel("kafka", ch.qos.logback.classic.Level.ERROR);
    // Transaction start-up races the broker retries by itself (CONCURRENT_TRANSACTIONS, a first
    // sequence number on a new changelog partition): logged at ERROR, harmless, and confusing here.
    setLevel("kafka.server.ReplicaManager", ch.qos.logback.classic.Level.OFF);
  }

  private static void setLevel(String logger, ch.qos.logback.classic.Level level) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
  }

  private void validate() {
    if (endpoints < 1 || endpoints > 200) {
      throw new ParameterException(spec.commandLine(), "--endpoints must be 1..200 for the demo, not " + endpoints
          + " (use `burnrate simulate` for larger fleets)");
    }
    if (!(speed > 0)) {
      throw new ParameterException(spec.commandLine(), "--speed must be more than 0, not " + speed);
    }
    if (!(peakRate > 0)) {
      throw new ParameterException(spec.commandLine(), "--peak-rate must be more than 0, not " + peakRate);
    }
    if (httpPort < 0 || httpPort > 65_535) {
      throw new ParameterException(spec.commandLine(), "--http-port must be 0..65535, not " + httpPort);
    }
    try {
      SimDurations.parse(duration);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--duration: " + e.getMessage());
    }
  }

  private SimulationPlan plan(Duration simulated) {
    SimulationPlan.Builder plan = SimulationPlan.builder().endpoints(endpoints).seed(seed).start(start)
        .duration(simulated).peakRate(peakRate);
    Scenario[] shown = {Scenario.DEATH_SPIRAL, Scenario.BUDGET_OVERRUN, Scenario.RUNAWAY_SCALING,
        Scenario.OVER_PROVISIONED};
    for (int i = 0; i < shown.length && i < endpoints; i++) {
      plan.scenario(shown[i], i);
    }
    return plan.build();
  }

  private BurnrateConfig config(LocalStack stack, Path dir, int port) {
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", stack.bootstrapServers());
    settings.put(BurnrateConfig.REGISTRY_URL, stack.registryUrl());
    settings.put("state.dir", dir.resolve("streams-state").toString());
    settings.put("application.id", APPLICATION_ID);
    // The simulated day lies in the past: it is a demo of live operation, not a replay of history.
    settings.put(BurnrateConfig.REPLAY_LAG, "0");
    settings.put(BurnrateConfig.HTTP_PORT, String.valueOf(port));
    return BurnrateConfig.load(null, System.getenv(), settings);
  }

  /** The pipeline on --http-port, or on a free port when that one is taken. */
  private RunningPipeline startPipeline(LocalStack stack, Path dir, DemoConsole console) throws Exception {
    try {
      return RunningPipeline.start(config(stack, dir, httpPort), Duration.ofSeconds(30), state -> { });
    } catch (java.io.UncheckedIOException taken) {
      if (httpPort == 0) {
        throw taken;
      }
      console.line("Port " + httpPort + " is taken; serving HTTP on a free port instead.");
      return RunningPipeline.start(config(stack, dir, 0), Duration.ofSeconds(30), state -> { });
    }
  }

  private static void awaitRunning(RunningPipeline pipeline, AtomicBoolean stopping) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (pipeline.streams().state() != KafkaStreams.State.RUNNING) {
      if (stopping.get() || pipeline.failed() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not start (state " + pipeline.streams().state()
            + "); run again with --verbose for the broker's and Kafka Streams' logs");
      }
      Thread.sleep(100);
    }
  }

  private void simulate(Simulator simulator, BurnrateConfig config, DemoConsole console, DemoReport report,
      AtomicBoolean stopping) throws Exception {
    long begin = simulator.plan().start().toEpochMilli();
    long span = Math.max(1, simulator.plan().end().toEpochMilli() - begin);
    AtomicLong sent = new AtomicLong();
    AtomicLong simulatedNow = new AtomicLong(begin);
    Progress progress = event -> {
      sent.incrementAndGet();
      simulatedNow.set(Math.max(simulatedNow.get(), event.appearsAt()));
    };
    Map<String, Object> producer = new HashMap<>();
    producer.put("bootstrap.servers", config.kafkaProperties().getProperty("bootstrap.servers"));
    producer.put("client.id", "burnrate-demo-simulator");
    Thread ticker = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          long at = Math.min(simulatedNow.get(), begin + span);
          console.progress(String.format(Locale.ROOT, "  simulated %s  %3.0f%%  %,d records  %d alerts  %d commands",
              CLOCK.format(Instant.ofEpochMilli(at)), 100.0 * (at - begin) / span, sent.get(), report.firingCount(),
              report.commandCount()));
          Thread.sleep(System.console() != null ? 1_000 : 15_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "burnrate-demo-progress");
    ticker.setDaemon(true);
    ticker.start();
    try (KafkaSink sink = new KafkaSink(producer, RunCommand.registryClient(config))) {
      Iterable<SimEvent> events = simulator::events;
      sink.send(stopWhen(events.iterator(), stopping), Pace.of(speed, simulator.plan().start()), progress);
    } finally {
      ticker.interrupt();
      ticker.join(2_000);
    }
  }

  private static java.util.Iterator<SimEvent> stopWhen(java.util.Iterator<SimEvent> events, AtomicBoolean stopping) {
    return new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return !stopping.get() && events.hasNext();
      }

      @Override
      public SimEvent next() {
        return events.next();
      }
    };
  }

  /** Waits until the pipeline has read every input record, then until its outputs are quiet. */
  private static void awaitCaughtUp(BurnrateConfig config, DemoConsole console, AtomicBoolean stopping)
      throws Exception {
    console.progress("  simulation sent; waiting for the pipeline to catch up...");
    TopicNames topics = config.topics();
    List<String> inputs = List.of(topics.requests(), topics.replicas(), topics.billing(), topics.endpointConfig());
    Map<String, Object> adminProps = new HashMap<>();
    adminProps.put("bootstrap.servers", config.kafkaProperties().getProperty("bootstrap.servers"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    try (Admin admin = Admin.create(adminProps)) {
      while (!stopping.get() && System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        for (var description : admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
          description.partitions().forEach(p -> wanted.put(new TopicPartition(description.name(), p.partition()),
              OffsetSpec.latest()));
        }
        var ends = admin.listOffsets(wanted).all().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
          OffsetAndMetadata at = committed.get(end.getKey());
          lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
        }
        if (lag == 0) {
          break;
        }
        Thread.sleep(500);
      }
    }
  }

  /**
   * The last transaction's outputs reach read_committed readers a commit interval or two after the
   * inputs are consumed: waits until no reader has seen a record for a while (at most 30 s).
   */
  private static void awaitOutputsQuiet(List<Reader> readers, AtomicBoolean stopping) throws InterruptedException {
    long quietNanos = TimeUnit.SECONDS.toNanos(2);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!stopping.get() && System.nanoTime() < deadline) {
      long latest = readers.stream().mapToLong(Reader::lastRecordNanos).max().orElse(0);
      if (System.nanoTime() - latest >= quietNanos) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static void printSummary(PrintWriter out, Simulator simulator, DemoReport report) {
    List<io.burnrate.sim.GroundTruth> truths = simulator.groundTruth();
    out.println();
    out.println("Per endpoint:");
    out.print(DemoTables.summary(report.summaries(simulator.configs())));
    out.println();
    out.println("Detections against the injected anomalies:");
    out.print(DemoTables.detections(report.detections(truths), report.unexplained(truths), report.infoCount()));
    out.flush();
  }

  private List<Reader> startReaders(BurnrateConfig config, DemoReport report, DemoConsole console, RecordLines lines) {
    SchemaRegistryClient registry = RunCommand.registryClient(config);
    AvroWireDeserializer<CostAlert> alerts = new AvroWireDeserializer<>(registry, CostAlert.class);
    AvroWireDeserializer<ScalingCommand> commands = new AvroWireDeserializer<>(registry, ScalingCommand.class);
    var metrics = JsonSerde.forMaps().deserializer();
    TopicNames topics = config.topics();
    List<Reader> readers = new ArrayList<>();
    readers.add(Reader.start(config, topics.alerts(), r -> {
      CostAlert alert = alerts.deserialize(r.topic(), r.value());
      report.onAlert(alert);
      if (allAlerts || alert.getSeverity() != io.burnrate.schema.Severity.INFO) {
        console.line(lines.alert(alert));
      }
    }));
    readers.add(Reader.start(config, topics.commands(), r -> {
      ScalingCommand command = commands.deserialize(r.topic(), r.value());
      report.onCommand(command);
      console.line(lines.command(command));
    }));
    readers.add(Reader.start(config, topics.hourlyMetrics(), r -> report.onMetrics(metrics.deserialize(r.topic(),
        r.value()))));
    return readers;
  }

  private Ansi ansi() {
    return switch (color) {
      case "always" -> Ansi.ON;
      case "never" -> Ansi.OFF;
      case "auto" -> Ansi.AUTO;
      default -> throw new ParameterException(spec.commandLine(), "--color must be auto, always or never, not '"
          + color + "'");
    };
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not remove {}: {}", dir, e.toString());
    }
  }

  /** One output topic read on a thread of its own until closed. */
  private static final class Reader {
    private final TopicTail tail;
    private final Thread thread;
    private final AtomicBoolean closed;
    private final AtomicLong lastRecordNanos;

    private Reader(TopicTail tail, Thread thread, AtomicBoolean closed, AtomicLong lastRecordNanos) {
      this.tail = tail;
      this.thread = thread;
      this.closed = closed;
      this.lastRecordNanos = lastRecordNanos;
    }

    long lastRecordNanos() {
      return lastRecordNanos.get();
    }

    static Reader start(BurnrateConfig config, String topic, Consumer<ConsumerRecord<String, byte[]>> handler) {
      Map<String, Object> props = new HashMap<>();
      props.put("bootstrap.servers", config.kafkaProperties().getProperty("bootstrap.servers"));
      TopicTail tail = new TopicTail(props, topic, TopicTail.Start.BEGINNING, Duration.ofSeconds(30));
      AtomicBoolean closed = new AtomicBoolean();
      AtomicLong lastRecord = new AtomicLong(System.nanoTime());
      Thread thread = new Thread(() -> {
        try {
          tail.run(record -> {
            lastRecord.set(System.nanoTime());
            handler.accept(record);
          }, 0, null, closed::get);
        } catch (WakeupException stopped) {
          // closed
        } catch (RuntimeException e) {
          log.warn("reading {} failed: {}", topic, e.toString());
        }
      }, "burnrate-demo-" + topic);
      thread.setDaemon(true);
      Reader reader = new Reader(tail, thread, closed, lastRecord);
      thread.start();
      return reader;
    }

    void close() {
      closed.set(true);
      tail.wakeup();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      tail.close();
    }
  }
}
