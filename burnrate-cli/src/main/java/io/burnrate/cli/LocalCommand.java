package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.local.DataDirectories;
import io.burnrate.local.LocalStack;
import io.burnrate.local.LoopbackPorts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code burnrate local}: Kafka, the schema registry and the contract's topics on this machine, until
 * Ctrl-C; with {@code --run}, the pipeline on them too. A busy port or an unusable data directory is
 * found before anything starts and reported in one line with exit code 1; an invalid configuration
 * for {@code --run} too, with exit code 2.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs a Kafka broker (KRaft, one node) and the schema registry on 127.0.0.1, with the contract's "
          + "topics, until Ctrl-C.",
      "Data is kept in the data directory, so topics and records survive a restart.",
      "With --run, the pipeline runs on them as well (as `burnrate run` on a cluster)."
    })
public final class LocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "burnrate-data",
      description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}, under the working directory).")
  Path dataDir;

  @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
      description = "Kafka port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
      description = "Schema registry port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
      description = "Partitions of each topic created (default: ${DEFAULT-VALUE}); existing topics are kept.")
  int partitions;

  @ArgGroup(exclusive = false, heading = "%nWith --run, the pipeline on the local stack:%n")
  LocalRunOptions pipeline;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = dataDir.toAbsolutePath().normalize();
    LocalStack.Options options = validatedOptions(dir);
    if (pipeline != null) {
      // checked before anything starts: the ports asked for stand in for the stack's addresses
      pipeline.config(LoopbackPorts.HOST + ":" + kafkaPort, "http://" + LoopbackPorts.HOST + ":" + registryPort, dir);
    }

    Optional<String> problem = problemBeforeStart(dir);
    if (problem.isPresent()) {
      err.println("error: " + problem.get());
      err.flush();
      return 1;
    }
    return pipeline == null ? runStack(options, dir, out) : runPipelineOnStack(options, dir, out);
  }

  private int runStack(LocalStack.Options options, Path dir, PrintWriter out) throws InterruptedException {
    AtomicReference<LocalStack> running = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdownHook = new Thread(() -> stop(running, out, stopped), "burnrate-local-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      running.set(LocalStack.start(options));
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      throw e; // reported by the CLI's handler: one line, the stack trace with --verbose
    }
    printSummary(running.get(), dir, out);
    stopped.await();
    return 0;
  }

  /** The stack stops after the pipeline, which {@link RunCommand#runPipeline} stops on SIGTERM or Ctrl-C. */
  private int runPipelineOnStack(LocalStack.Options options, Path dir, PrintWriter out) throws Exception {
    LocalStack stack = LocalStack.start(options);
    try {
      printSummary(stack, dir, out);
      BurnrateConfig config = pipeline.config(stack.bootstrapServers(), stack.registryUrl(), dir);
      return RunCommand.runPipeline(config, pipeline.closeTimeout());
    } finally {
      stop(stack, out);
    }
  }

  private LocalStack.Options validatedOptions(Path dir) {
    requirePort("--kafka-port", kafkaPort);
    requirePort("--registry-port", registryPort);
    if (kafkaPort != 0 && kafkaPort == registryPort) {
      throw new ParameterException(spec.commandLine(),
          "--kafka-port and --registry-port are both " + kafkaPort + "; give them different ports");
    }
    if (partitions < 1) {
      throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, was " + partitions);
    }
    return new LocalStack.Options(dir, kafkaPort, registryPort, partitions);
  }

  private void requirePort(String option, int port) {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), option + " must be 0 (any free port) or 1..65535, was " + port);
    }
  }

  private Optional<String> problemBeforeStart(Path dir) {
    Optional<String> dirProblem = DataDirectories.whyUnusable(dir);
    if (dirProblem.isPresent()) {
      return Optional.of("data directory unusable: " + dirProblem.get() + "; pass --data-dir with a writable directory");
    }
    return portInUse("--kafka-port", kafkaPort).or(() -> portInUse("--registry-port", registryPort));
  }

  private static Optional<String> portInUse(String option, int port) {
    if (port == 0 || LoopbackPorts.isFree(port)) {
      return Optional.empty();
    }
    return Optional.of("port " + port + " on " + LoopbackPorts.HOST + " is in use; pass " + option
        + " or stop the other process");
  }

  private static void printSummary(LocalStack stack, Path dir, PrintWriter out) {
    out.println("Burnrate local stack is up (data in " + dir + ")");
    out.println("  Kafka bootstrap servers: " + stack.bootstrapServers());
    out.println("  Schema registry:         " + stack.registryUrl());
    out.println("  Topics (partitions):");
    stack.topics().forEach((topic, count) -> out.printf("    %-22s %d%n", topic, count));
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private static void stop(AtomicReference<LocalStack> running, PrintWriter out, CountDownLatch stopped) {
    LocalStack stack = running.getAndSet(null);
    if (stack != null) {
      stop(stack, out);
    }
    stopped.countDown();
  }

  private static void stop(LocalStack stack, PrintWriter out) {
    out.println("Stopping the local stack ...");
    out.flush();
    stack.close();
    out.println("Stopped.");
    out.flush();
  }
}
