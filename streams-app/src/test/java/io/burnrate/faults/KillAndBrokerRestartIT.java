package io.burnrate.faults;

import static io.burnrate.faults.FaultBench.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.schema.ReplicaEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through a hard kill and a broker restart, tested as Apache Kafka tests its own guarantee:
 * the same input with and without faults, the committed outputs compared.
 *
 * <p>Two instances share the work; with a commit interval of 5 s, one of them is killed with SIGKILL
 * while its transaction holds outputs, and started again over its state directory. Then the broker (and
 * the registry living in its JVM) is killed with SIGKILL while a transaction is open and started again on
 * the same port and data. The input arrives in 4-hour pieces around the faults. A read_committed
 * subscriber must then see exactly the alerts, commands and final hourly metrics of a fault-free run.
 */
class KillAndBrokerRestartIT {
  private static final String APP = "faults-eos";
  private static final Map<String, String> LONG_TRANSACTIONS = Map.of("commit.interval.ms", "5000");
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private FaultBench bench;

  @AfterEach
  void stopEverything() {
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  @Timeout(300)
  void anInstanceKilledHardAndTheBrokerKilledMidStreamLeaveExactlyTheOutputsOfAFaultFreeRun(@TempDir Path dir) {
    bench = FaultBench.start(dir);
    KafkaProbe probe = bench.probe();
    List<String> outputs = FaultBench.outputs(TOPICS);
    List<List<ReplicaEvent>> chunks = bench.day().chunks(Duration.ofHours(4));
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(6);

    BurnrateInstance a = bench.instance("a", APP, LONG_TRANSACTIONS, CLOSE_TIMEOUT).start();
    BurnrateInstance b = bench.instance("b", APP, LONG_TRANSACTIONS, CLOSE_TIMEOUT).start();
    bench.awaitSharing(APP, Duration.ofSeconds(90), a, b);

    bench.producer().sendEvents(chunks.get(0));
    await("first outputs committed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> probe.endOffsets(outputs, IsolationLevel.READ_COMMITTED).values().stream()
            .mapToLong(Long::longValue).sum() > 0);

    // SIGKILL an instance while its transaction holds outputs of the second piece.
    bench.producer().sendEvents(chunks.get(1));
    Victim victim = awaitOpenTransactionOfOne(bench, a, b);
    victim.instance().kill();
    assertThat(probe.openTransactions(outputs)).as("the kill left %s's transaction open", victim.instance().name())
        .contains(victim.openOutput());
    victim.instance().start();
    bench.awaitSharing(APP, Duration.ofSeconds(90), a, b);

    // SIGKILL the broker and its registry while a transaction is open, then start them again.
    bench.producer().sendEvents(chunks.get(2));
    await("a transaction open on the outputs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          a.requireAlive();
          b.requireAlive();
          return !probe.openTransactions(outputs).isEmpty();
        });
    Map<String, String> schemasBefore = RegistrySnapshot.take(bench.broker().registryUrl());
    bench.broker().kill();
    bench.broker().start();
    assertThat(RegistrySnapshot.take(bench.broker().registryUrl()))
        .as("every subject and schema id after the registry's restart").isEqualTo(schemasBefore);

    for (List<ReplicaEvent> chunk : chunks.subList(3, chunks.size())) {
      bench.producer().sendEvents(chunk);
    }
    bench.awaitSettled(APP, TOPICS, Duration.ofSeconds(120), a, b);
    RunOutputs withFaults = bench.read(TOPICS);

    RunOutputs reference = bench.referenceRun("faults-eos-reference");
    OutputComparison.assertMeaningful(reference, bench.day());
    OutputComparison.assertSameCommittedOutputs(withFaults, reference);
  }

  /** An instance, and an output partition of its task on which its transaction is open. */
  private record Victim(BurnrateInstance instance, TopicPartition openOutput) {}

  /**
   * Waits until one of the instances has a transaction open on an output partition of a task it owns
   * (output partition p belongs to the task of input partition p: both are keyed by endpoint).
   */
  private static Victim awaitOpenTransactionOfOne(FaultBench bench, BurnrateInstance... instances) {
    AtomicReference<Victim> found = new AtomicReference<>();
    await("an instance with an open transaction").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          Set<TopicPartition> open = bench.probe().openTransactions(FaultBench.outputs(TOPICS));
          KafkaProbe.Group group = bench.probe().group(APP);
          for (BurnrateInstance instance : instances) {
            instance.requireAlive();
            Set<TopicPartition> owned = FaultBench.owned(group, instance);
            Optional<TopicPartition> ofItsTask = open.stream()
                .filter(tp -> owned.contains(new TopicPartition(TOPICS.replicas(), tp.partition())))
                .findFirst();
            if (ofItsTask.isPresent()) {
              found.set(new Victim(instance, ofItsTask.get()));
              return true;
            }
          }
          return false;
        });
    return found.get();
  }
}
