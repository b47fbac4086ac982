package io.burnrate.bench;

import io.burnrate.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How long Burnrate takes to process again after {@code kill -9}, against the state it rebuilds. Under
 * exactly-once, Kafka Streams 4.3 keeps no local state across an unclean stop (nothing tells which of
 * its writes were committed): every task is wiped and rebuilt from its changelogs first. Each step runs
 * Burnrate over a prepared input to its end, stops it, wipes its state folder as the unclean stop would,
 * starts it again and times two waits: until its partitions are assigned again (the consumer group
 * waits for the old member's session to time out, as it does after a kill) and until every store is
 * restored.
 */
public final class RecoveryBench {
  private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(30);

  private final BenchCluster cluster;
  private final InputPreparer preparer;
  private final RunMeasurer measurer;
  private final SchemaRegistryClient registry;
  private final Map<String, String> settings;
  private final Path stateRoot;
  private final BenchTopics names;
  private final BenchProgress progress;

  public RecoveryBench(BenchCluster cluster, InputPreparer preparer, RunMeasurer measurer, SchemaRegistryClient registry,
      Map<String, String> settings, Path stateRoot, BenchTopics names, BenchProgress progress) {
    this.cluster = cluster;
    this.preparer = preparer;
    this.measurer = measurer;
    this.registry = registry;
    this.settings = Map.copyOf(settings);
    this.stateRoot = stateRoot;
    this.names = names;
    this.progress = progress;
  }

  /** One step: the input processed before the stop, and the restart after it. */
  /**
   * @param assignedMillis from the restart until the first store began restoring
   * @param restoredMillis from the restart until the last store was restored
   */
  public record Step(long inputRecords, long stateBytes, long restoredRecords, long assignedMillis,
      long restoredMillis) {}

  public RecoveryReport run(List<Long> recordSteps, int endpoints, Duration span, long seed, int partitions)
      throws InterruptedException {
    List<Step> steps = new ArrayList<>();
    for (long records : recordSteps) {
      String phase = "recovery-" + records;
      PreparedInput input = preparer.prepare(names.inputs(phase), partitions, endpoints, records, span, seed);
      String applicationId = names.applicationId(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, phase);
      try {
        RunResult first = measurer.measureKeepingState(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, phase, input);
        ProcessProbe.deleteRecursively(stateRoot.resolve(applicationId));
        steps.add(restart(input, applicationId, first.stateBytes()));
      } finally {
        measurer.cleanUp(applicationId);
        cluster.deleteTopics(List.of(), List.of(names.prefix() + phase + "."));
      }
    }
    return new RecoveryReport(steps);
  }

  private Step restart(PreparedInput input, String applicationId, long stateBytes) throws InterruptedException {
    MeasuredRun run = MeasuredRun.create(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, settings, input.topics(), names,
        applicationId, stateRoot, registry);
    Restores restores = new Restores();
    run.streams().setGlobalStateRestoreListener(restores);
    progress.step("restarting " + applicationId + " on a wiped state folder, as after kill -9");
    long start = System.nanoTime();
    try {
      run.start();
      long deadline = start + RESTORE_TIMEOUT.toNanos();
      while (!(run.streams().state() == KafkaStreams.State.RUNNING && restores.started.get() > 0
          && restores.open.get() == 0 && System.nanoTime() - restores.lastEnd.get() > TimeUnit.SECONDS.toNanos(2))) {
        if (run.failure() != null) {
          throw new IllegalStateException("Burnrate failed while restoring: " + run.failure());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the restore did not finish within " + RESTORE_TIMEOUT);
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } finally {
      run.close();
    }
    long assignedMillis = (restores.firstStart.get() - start) / 1_000_000;
    long restoredMillis = (restores.lastEnd.get() - start) / 1_000_000;
    progress.step(String.format(Locale.ROOT, "assigned after %.1f s, %,d records restored after %.1f s",
        assignedMillis / 1000.0, restores.restored.get(), restoredMillis / 1000.0));
    return new Step(input.eventRecords(), stateBytes, restores.restored.get(), assignedMillis, restoredMillis);
  }

  /** Counts restores as Kafka Streams reports them, from any restoring thread. */
  private static final class Restores implements StateRestoreListener {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicLong restored = new AtomicLong();
    final AtomicLong lastEnd = new AtomicLong(System.nanoTime());
    final AtomicLong firstStart = new AtomicLong();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
      firstStart.compareAndSet(0, System.nanoTime());
      started.incrementAndGet();
      open.incrementAndGet();
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
      restored.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
      lastEnd.set(System.nanoTime());
      open.decrementAndGet();
    }
  }
}
