package io.burnrate.bench;

import io.burnrate.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one run of one application over the prepared input, from offset 0 with a new application
 * id and empty state, and removes what the run left behind (its output and internal topics, its
 * consumer group, its state folder) so that the broker's disk stays bounded.
 */
public final class RunMeasurer {
  private final BenchCluster cluster;
  private final SchemaRegistryClient registry;
  private final Map<String, String> settings;
  private final Path stateRoot;
  private final BenchTopics names;
  private final Duration timeout;
  private final BenchProgress progress;

  /**
   * @param settings the settings every run starts from (bootstrap servers, registry, --set)
   * @param stateRoot where runs keep their state folders
   * @param timeout how long one run may take at most
   */
  public RunMeasurer(BenchCluster cluster, SchemaRegistryClient registry, Map<String, String> settings, Path stateRoot,
      BenchTopics names, Duration timeout, BenchProgress progress) {
    this.cluster = cluster;
    this.registry = registry;
    this.settings = Map.copyOf(settings);
    this.stateRoot = stateRoot;
    this.names = names;
    this.timeout = timeout;
    this.progress = progress;
  }

  public RunResult measure(AppKind app, Guarantee guarantee, int repetition, String runName, PreparedInput input)
      throws InterruptedException {
    return measure(app, guarantee, repetition, runName, input, false);
  }

  /**
   * As {@link #measure}, but leaves the run's state folder, internal topics and consumer group in place,
   * for a restart on them; {@link #cleanUp(String)} removes them afterwards.
   */
  RunResult measureKeepingState(AppKind app, Guarantee guarantee, String runName, PreparedInput input)
      throws InterruptedException {
    return measure(app, guarantee, 1, runName, input, true);
  }

  private RunResult measure(AppKind app, Guarantee guarantee, int repetition, String runName, PreparedInput input,
      boolean keepState) throws InterruptedException {
    String applicationId = names.applicationId(app, guarantee, runName);
    MeasuredRun run = MeasuredRun.create(app, guarantee, settings, input.topics(), names, applicationId, stateRoot,
        registry);
    cluster.createTopics(run.outputsByRole().values(), input.partitions(), Map.of());
    progress.step(String.format(Locale.ROOT, "%s %s run %s: started", app.label(), guarantee.setting(), runName));
    CompletionWatcher.Completion done;
    long peakHeap;
    long liveHeap;
    long state;
    long startNanos;
    CpuBreakdown cpu;
    try {
      ProcessProbe.resetHeapPeaks();
      CpuProfile profile = CpuProfile.start(stateRoot);
      long cpuAtStart = ProcessProbe.cpuNanos();
      startNanos = System.nanoTime();
      try {
        run.start();
        done = new CompletionWatcher(cluster, input.partitions()).await(applicationId, input.eventEndOffsets(),
            run.outputsByRole(), startNanos, cpuAtStart, run.quietPeriod(), timeout, run::failure, progress,
            input.eventRecords());
      } finally {
        cpu = profile.stop();
      }
      peakHeap = ProcessProbe.heapPeakBytes();
      liveHeap = ProcessProbe.liveHeapBytes();
      state = ProcessProbe.sizeOnDisk(run.stateDir());
    } finally {
      run.close();
    }
    Map<String, Long> outputs;
    try {
      outputs = new OutputCounter(cluster, input.partitions()).count(run.outputsByRole());
    } finally {
      if (!keepState) {
        cleanUp(run.applicationId());
      }
    }
    long startup = run.runningAtNanos() < 0 ? -1 : nanosToMillis(run.runningAtNanos() - startNanos);
    RunResult result = new RunResult(app, guarantee, repetition, input.eventRecords(), outputs, startup,
        nanosToMillis(done.caughtUpNanos()), nanosToMillis(done.settledNanos()), done.cpuNanos(), peakHeap, liveHeap,
        state, cpu);
    if (app == AppKind.BASELINE && result.outputRecords() < input.eventRecords()) {
      throw new IllegalStateException("the pass-through wrote " + result.outputRecords() + " records for "
          + input.eventRecords() + " input records (" + outputs + "): records were lost");
    }
    progress.step(String.format(Locale.ROOT, "%s %s run %s: %,.0f records/s, %.1f s, outputs %s", app.label(),
        guarantee.setting(), runName, result.recordsPerSecond(), result.elapsedMs() / 1000.0, outputs));
    return result;
  }

  /** Removes what a run left behind: its output and internal topics, its consumer group, its state folder. */
  void cleanUp(String applicationId) {
    cluster.deleteTopics(List.of(), List.of(applicationId + ".", applicationId + "-"));
    cluster.deleteGroup(applicationId);
    ProcessProbe.deleteRecursively(stateRoot.resolve(applicationId));
  }

  private static long nanosToMillis(long nanos) {
    return Math.round(nanos / 1_000_000.0);
  }
}
