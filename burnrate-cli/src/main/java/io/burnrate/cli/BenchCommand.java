package io.burnrate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnrate.bench.BenchCluster;
import io.burnrate.bench.BenchDurations;
import io.burnrate.bench.BenchProgress;
import io.burnrate.bench.BenchTopics;
import io.burnrate.bench.Guarantee;
import io.burnrate.bench.InputPreparer;
import io.burnrate.bench.LatencyBench;
import io.burnrate.bench.LatencyReport;
import io.burnrate.bench.PreparedInput;
import io.burnrate.bench.ProcessProbe;
import io.burnrate.bench.RecoveryBench;
import io.burnrate.bench.RecoveryReport;
import io.burnrate.bench.RunMeasurer;
import io.burnrate.bench.ScaleBench;
import io.burnrate.bench.ScaleReport;
import io.burnrate.bench.ThroughputBench;
import io.burnrate.bench.ThroughputReport;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.local.LocalStack;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.sim.SimulationPlan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code burnrate bench}: Burnrate's throughput, latency and scaling, measured against a pass-through app. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Measures Burnrate against a pass-through Kafka Streams app (bytes in, bytes out) on the same broker, the"
          + " same topics and the same settings, in the same run.",
      "Throughput (default): the simulator's traffic is written once to fresh input topics; then, for each guarantee,"
          + " --repetitions alternating runs of the pass-through and of Burnrate read it from offset 0 with empty state,"
          + " each timed until its consumer group has committed the inputs' end offsets (all its output then visible"
          + " to read_committed). Reports records/s, the ratio Burnrate / pass-through, CPU time per record, peak and"
          + " live heap and state on disk as min / median / max.",
      "--latency: each app runs live while a producer sends --rate events/s for --warm-up (not measured) and then"
          + " --duration, with a runaway-scaling breach every --breach-every; reports p50 / p95 / p99 / max from the"
          + " breach's append to the alert's append (broker timestamps), and to the pass-through's copy of it.",
      "--scale: Burnrate alone over the same number of records spread over each of --steps endpoint counts:"
          + " throughput, heap and state on disk per step.",
      "Without --bootstrap, an embedded broker and schema registry run in this JVM (their CPU time and heap are"
          + " then counted too). Timings are reported, never asserted."
    },
    footer = {
      "",
      "Examples:",
      "  burnrate bench",
      "  burnrate bench --records 200000 --repetitions 3 --guarantee exactly-once --json",
      "  burnrate bench --latency --rate 5000 --duration 60s",
      "  burnrate bench --scale --steps 1000,10000,100000",
      "",
      "Exit codes: 0 done, 1 failure while running, 2 bad usage."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--endpoints", paramLabel = "N", defaultValue = "1000",
      description = "Simulated endpoints the input covers (default: ${DEFAULT-VALUE}).")
  int endpoints;

  @Option(names = "--records", paramLabel = "N", defaultValue = "2000000",
      description = "Event records over the three input topics (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
      description = "Alternating runs of each app per guarantee (default: ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(names = "--guarantee", paramLabel = "both|exactly-once|at-least-once", defaultValue = "both",
      description = "Processing guarantee(s) to measure (default: ${DEFAULT-VALUE}); --latency and --scale run the"
          + " first only: exactly-once, unless at-least-once is given.")
  String guarantee;

  @Option(names = "--span", paramLabel = "DURATION", defaultValue = "1d",
      description = "Simulated time the input's traffic is spread over (default: ${DEFAULT-VALUE}).")
  String span;

  @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print the report as JSON instead of text.")
  boolean json;

  @Option(names = "--latency", description = "Measure event-to-alert latency with live traffic instead of throughput.")
  boolean latency;

  @Option(names = "--rate", paramLabel = "EVENTS/S", defaultValue = "5000",
      description = "With --latency: events per second sent (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s",
      description = "With --latency: how long each app receives live traffic (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "10s",
      description = "With --latency: the same load sent first, not measured, so that start-up is not counted"
          + " (default: ${DEFAULT-VALUE}).")
  String warmUp;

  @Option(names = "--breach-every", paramLabel = "DURATION", defaultValue = "200ms",
      description = "With --latency: one injected breach this often (default: ${DEFAULT-VALUE}).")
  String breachEvery;

  @Option(names = "--scale", description = "Measure Burnrate at several endpoint counts with the same records.")
  boolean scale;

  @Option(names = "--recovery", description = "Measure the restart after kill -9 (every store restored from its"
      + " changelog) after a quarter, a half and all of --records.")
  boolean recovery;

  @Option(names = "--steps", paramLabel = "N,N,...", split = ",", defaultValue = "1000,10000,100000",
      description = "With --scale: endpoint counts (default: ${DEFAULT-VALUE}).")
  List<Integer> steps = new ArrayList<>();

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
      description = "A Kafka cluster to use instead of the embedded broker (then --registry too).")
  String bootstrap;

  @Option(names = "--registry", paramLabel = "URL", description = "The schema registry of --bootstrap's cluster.")
  String registry;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the embedded broker's data and the runs' state here (default: a temporary directory,"
          + " removed at the end).")
  Path dataDir;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
      description = "Partitions of every topic the bench creates (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--run-timeout", paramLabel = "DURATION", defaultValue = "60m",
      description = "Longest one run may take before the bench gives up (default: ${DEFAULT-VALUE}).")
  String runTimeout;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Any Burnrate or Kafka key for every run (repeatable), e.g. --set commit.interval.ms=100.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    List<Guarantee> guarantees = validate();
    quietLogs();
    PrintWriter out = spec.commandLine().getOut();
    BenchProgress progress = new BenchProgress(spec.commandLine().getErr());
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory("burnrate-bench") : dataDir;
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = stopOnCtrlC(Thread.currentThread(), finished);
    LocalStack stack = null;
    try {
      if (bootstrap == null) {
        progress.step("starting the embedded Kafka broker and schema registry");
        stack = LocalStack.start(LocalStack.Options.in(dir.resolve("local")).withPartitions(partitions));
      }
      Map<String, String> base = new LinkedHashMap<>(settings);
      base.put("bootstrap.servers", stack != null ? stack.bootstrapServers() : bootstrap);
      base.put(BurnrateConfig.REGISTRY_URL, stack != null ? stack.registryUrl() : registry);
      BurnrateConfig config = BurnrateConfig.of(base);
      SchemaRegistryClient registryClient = RunCommand.registryClient(config);
      BenchTopics names = BenchTopics.fresh();
      Map<String, String> clientSettings = new LinkedHashMap<>();
      config.kafkaProperties().forEach((k, v) -> clientSettings.put(String.valueOf(k), String.valueOf(v)));
      try (BenchCluster cluster = new BenchCluster(base.get("bootstrap.servers"), config.registryUrl(), stack != null,
          clientSettings)) {
        try {
          RunMeasurer measurer = new RunMeasurer(cluster, registryClient, base, dir.resolve("state"), names,
              BenchDurations.parse(runTimeout), progress);
          ObjectNode jsonReport;
          String textReport;
          InputPreparer preparer = new InputPreparer(cluster, registryClient, progress);
          if (latency) {
            LatencyReport report = new LatencyBench(cluster, registryClient, base, dir.resolve("state"), names, progress)
                .run(guarantees.get(0), new LatencyBench.Load(endpoints, rate, BenchDurations.parse(warmUp),
                    BenchDurations.parse(duration),
                    BenchDurations.parse(breachEvery), partitions));
            jsonReport = report.json(new ObjectMapper());
            textReport = report.text();
          } else if (recovery) {
            RecoveryReport report = new RecoveryBench(cluster, preparer, measurer, registryClient, base,
                dir.resolve("state"), names, progress)
                .run(List.of(records / 4, records / 2, records), endpoints, BenchDurations.parse(span), seed, partitions);
            jsonReport = report.json(new ObjectMapper());
            textReport = report.text();
          } else if (scale) {
            ScaleReport report = new ScaleBench(cluster, preparer, measurer, names).run(steps, records,
                BenchDurations.parse(span), seed, partitions, guarantees.get(0), base);
            jsonReport = report.json(new ObjectMapper());
            textReport = report.text();
          } else {
            PreparedInput input = preparer.prepare(names.inputs("input"), partitions, endpoints, records,
                BenchDurations.parse(span), seed);
            ThroughputReport report = new ThroughputBench(measurer).run(input, guarantees, repetitions, base,
                stack != null);
            jsonReport = report.json(new ObjectMapper());
            textReport = report.text();
          }
          print(out, jsonReport, textReport);
        } finally {
          cluster.deleteTopics(List.of(), List.of(names.prefix()));
        }
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
      if (temporary) {
        ProcessProbe.deleteRecursively(dir);
      }
      finished.countDown();
      removeHook(hook);
    }
    return 0;
  }

  /** Ctrl-C interrupts the bench, which then stops its run, deletes its topics and the temporary folder. */
  private static Thread stopOnCtrlC(Thread main, CountDownLatch finished) {
    Thread hook = new Thread(() -> {
      main.interrupt();
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "burnrate-bench-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waits for this cleanup
    }
  }

  private void print(PrintWriter out, ObjectNode jsonReport, String textReport) throws Exception {
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(jsonReport));
    } else {
      out.print(textReport);
    }
    out.flush();
  }

  private List<Guarantee> validate() {
    List<String> problems = new ArrayList<>();
    if (endpoints < 1 || endpoints > SimulationPlan.MAX_ENDPOINTS) {
      problems.add("--endpoints must be 1.." + SimulationPlan.MAX_ENDPOINTS + ", was " + endpoints);
    }
    if (records < 1) {
      problems.add("--records must be at least 1, was " + records);
    }
    if (repetitions < 1 || repetitions > 100) {
      problems.add("--repetitions must be 1..100, was " + repetitions);
    }
    if (partitions < 1 || partitions > 1000) {
      problems.add("--partitions must be 1..1000, was " + partitions);
    }
    if (rate < 1 || rate > 1_000_000) {
      problems.add("--rate must be 1..1000000 events/s, was " + rate);
    }
    if ((latency ? 1 : 0) + (scale ? 1 : 0) + (recovery ? 1 : 0) > 1) {
      problems.add("--latency, --scale and --recovery exclude each other; run them one at a time");
    }
    if (recovery && records < 4) {
      problems.add("--recovery measures after a quarter, a half and all of --records: give at least 4, was " + records);
    }
    if ((bootstrap == null) != (registry == null)) {
      problems.add("--bootstrap and --registry go together: give both for a real cluster, or neither for the"
          + " embedded one");
    }
    if (scale && (steps.isEmpty() || steps.stream().anyMatch(s -> s == null || s < 1 || s > SimulationPlan.MAX_ENDPOINTS))) {
      problems.add("--steps must be endpoint counts of 1.." + SimulationPlan.MAX_ENDPOINTS + ", was " + steps);
    }
    for (String[] option : new String[][] {{"--span", span}, {"--duration", duration}, {"--warm-up", warmUp},
        {"--breach-every", breachEvery},
        {"--run-timeout", runTimeout}}) {
      try {
        BenchDurations.parse(option[1]);
      } catch (IllegalArgumentException e) {
        problems.add(option[0] + ": " + e.getMessage());
      }
    }
    List<Guarantee> guarantees = List.of();
    try {
      guarantees = Guarantee.parse(guarantee);
    } catch (IllegalArgumentException e) {
      problems.add("--guarantee: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problems));
    }
    return guarantees;
  }

  /** The report is the output; the broker's and Kafka Streams' routine logs would bury the progress lines. */
  private static void quietLogs() {
    if (LoggerFactory.getLogger("io.burnrate").isDebugEnabled()) {
      return;
    }
    setLevel("io.burnrate", ch.qos.logback.classic.Level.WARN);
    setLevel("org.apache.kafka", ch.qos.logback.classic.Level.ERROR);
    setLevel("kafka", ch.qos.logback.classic.Level.ERROR);
    setLevel("kafka.server.ReplicaManager", ch.qos.logback.classic.Level.OFF);
  }

  private static void setLevel(String logger, ch.qos.logback.classic.Level level) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
  }
}
