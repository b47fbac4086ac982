package io.burnrate.faults;

import static io.burnrate.faults.FaultBench.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.ReplicaEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM, as Ctrl-C or a container stop sends it, is a clean shutdown: within {@code --close-timeout},
 * exit code 0, the open transaction committed with the input offsets and the state it covers, so that a
 * restart processes nothing twice.
 *
 * <p>A long commit interval (60 s) keeps everything the instance did in one open transaction until the
 * signal: only the shutdown can commit it. A second SIGTERM after the restart ends the run; its
 * committed outputs must equal those of a fault-free run.
 */
class SigtermIT {
  private static final String APP = "faults-sigterm";
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
  /** No commit for a minute (a transaction may stay open that long), so only the shutdown commits. */
  private static final Duration ONE_LONG_TRANSACTION_COMMIT = Duration.ofSeconds(60);
  private static final Map<String, String> ONE_LONG_TRANSACTION = Map.of(
      "commit.interval.ms", String.valueOf(ONE_LONG_TRANSACTION_COMMIT.toMillis()),
      "producer.transaction.timeout.ms", "90000");

  private FaultBench bench;

  @AfterEach
  void stopEverything() {
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  @Timeout(360)
  void sigtermCommitsOffsetsAndStateExitsZeroWithinTheCloseTimeoutAndARestartRepeatsNothing(@TempDir Path dir) {
    bench = FaultBench.start(dir);
    KafkaProbe probe = bench.probe();
    List<String> outputs = FaultBench.outputs(TOPICS);
    List<List<ReplicaEvent>> chunks = bench.day().chunks(Duration.ofHours(6));
    List<ReplicaEvent> first = chunks.subList(0, chunks.size() - 1).stream().flatMap(List::stream).toList();
    List<ReplicaEvent> last = chunks.get(chunks.size() - 1);

    BurnrateInstance instance = bench.instance("solo", APP, ONE_LONG_TRANSACTION, CLOSE_TIMEOUT).start();
    bench.awaitSharing(APP, Duration.ofSeconds(60), instance);
    bench.producer().sendEvents(first);
    bench.awaitProcessedNotCommitted(TOPICS, Duration.ofSeconds(60), instance);
    assertThat(probe.behind(APP, FaultBench.inputs())).as("input offsets not committed before the signal")
        .isNotEmpty();

    Duration took = stopWithSigterm(instance);
    assertThat(took).as("time from SIGTERM to exit").isLessThanOrEqualTo(CLOSE_TIMEOUT);
    assertThat(probe.behind(APP, FaultBench.inputs()))
        .as("input partitions whose committed offset [committed, end] is behind after a clean exit").isEmpty();
    assertThat(probe.openTransactions(outputs)).as("output partitions with a transaction left open").isEmpty();
    // Alerts and commands are what a restart must not repeat. Hourly metrics are latest-value updates
    // paced by the wall clock: one still pending at the signal is sent after the restart, which is right.
    List<String> decisions = List.of(TOPICS.alerts(), TOPICS.commands());
    Map<TopicPartition, Long> endsAtExit = probe.endOffsets(decisions, IsolationLevel.READ_UNCOMMITTED);
    RunOutputs atExit = bench.read(TOPICS);
    assertThat(atExit.alerts()).as("alerts committed by the shutdown").isNotEmpty();

    instance.start();
    bench.awaitSharing(APP, Duration.ofSeconds(60), instance);
    // A metrics update sent after the restart sits in a transaction until the next commit (60 s here).
    bench.awaitSettled(APP, TOPICS, ONE_LONG_TRANSACTION_COMMIT.plusSeconds(60), instance);
    assertThat(probe.endOffsets(decisions, IsolationLevel.READ_UNCOMMITTED))
        .as("output end offsets after the restart: nothing processed again").isEqualTo(endsAtExit);

    bench.producer().sendEvents(last);
    bench.awaitProcessedNotCommitted(TOPICS, Duration.ofSeconds(60), instance);
    assertThat(stopWithSigterm(instance)).as("time from the second SIGTERM to exit")
        .isLessThanOrEqualTo(CLOSE_TIMEOUT);
    bench.awaitSettled(APP, TOPICS, Duration.ofSeconds(30));
    RunOutputs whole = bench.read(TOPICS);
    assertThat(whole.alertIdsAndStatus()).as("every alert of the first part, kept")
        .containsAll(atExit.alertIdsAndStatus());

    RunOutputs reference = bench.referenceRun("faults-sigterm-reference");
    OutputComparison.assertMeaningful(reference, bench.day());
    OutputComparison.assertSameCommittedOutputs(whole, reference);
  }

  /** Sends SIGTERM, requires exit code 0, and returns how long the instance took to end. */
  private static Duration stopWithSigterm(BurnrateInstance instance) {
    long signalled = System.nanoTime();
    instance.terminate();
    int exitCode = instance.awaitExit(CLOSE_TIMEOUT.plusSeconds(30));
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);
    assertThat(exitCode).as("exit code after SIGTERM; last output:\n%s", instance.tail()).isZero();
    return took;
  }
}
