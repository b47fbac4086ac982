package io.burnrate.faults;

import static io.burnrate.faults.FaultBench.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.registryfaults.RegistrySnapshot;
import io.burnrate.schema.ReplicaEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
  private static final Map<String, String> LONG_TRANSACTIONS =
      Map.of("commit.interval.ms", String.valueOf(COMMIT_INTERVAL.toMillis()));
  /** Events sent per poll while waiting for the moment to kill: a steady flow across commits. */
  private static final int EVENTS_PER_POLL = 4;
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
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(7);

    BurnrateInstance a = bench.instance("a", APP, LONG_TRANSACTIONS, CLOSE_TIMEOUT).start();
    BurnrateInstance b = bench.instance("b", APP, LONG_TRANSACTIONS, CLOSE_TIMEOUT).start();
    bench.awaitSharing(APP, Duration.ofSeconds(90), a, b);

    bench.producer().sendEvents(chunks.get(0));
    await("first outputs committed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> probe.endOffsets(outputs, IsolationLevel.READ_COMMITTED).values().stream()
            .mapToLong(Long::longValue).sum() > 0);

    // SIGKILL an instance while its transaction holds outputs of the second and third pieces.
    List<ReplicaEvent> flowing = Stream.concat(chunks.get(1).stream(), chunks.get(2).stream()).toList();
    Victim victim = killInsideATransaction(flowing, a, b);
    assertThat(probe.openTransactions(outputs)).as("the kill left %s's transaction open", victim.instance().name())
        .contains(victim.openOutput());
    victim.instance().start();
    bench.awaitSharing(APP, Duration.ofSeconds(90), a, b);
    bench.producer().sendEvents(flowing.subList(victim.sent(), flowing.size()));

    // SIGKILL the broker and its registry while a transaction is open, then start them again.
    bench.producer().sendEvents(chunks.get(3));
    await("a transaction open on the outputs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          a.requireAlive();
          b.requireAlive();
          return !probe.openTransactions(outputs).isEmpty();
        });
    RegistrySnapshot schemasBefore = RegistrySnapshot.of(bench.broker().registryUrl());
    bench.broker().kill();
    bench.broker().start();
    assertThat(RegistrySnapshot.of(bench.broker().registryUrl()))
        .as("every subject and schema id after the registry's restart").isEqualTo(schemasBefore);

    for (List<ReplicaEvent> chunk : chunks.subList(4, chunks.size())) {
      bench.producer().sendEvents(chunk);
    }
    bench.awaitSettled(APP, TOPICS, Duration.ofSeconds(120), a, b);
    RunOutputs withFaults = bench.read(TOPICS);

    RunOutputs reference = bench.referenceRun("faults-eos-reference");
    OutputComparison.assertMeaningful(reference, bench.day());
    OutputComparison.assertSameCommittedOutputs(withFaults, reference);
  }

  /** The killed instance, the output partition its open transaction held, and how many events were sent. */
  private record Victim(BurnrateInstance instance, TopicPartition openOutput, int sent) {}

  /**
   * Feeds {@code events} a few per poll, so that the owner of input partition 0 opens a new transaction
   * right after each of its commits, and kills it with SIGKILL within the first half of a commit interval
   * after one of its commits was seen, while its transaction holds records on its metrics partition (the
   * output partition of the task of input partition 0): the kill cannot race its next commit.
   */
  private Victim killInsideATransaction(List<ReplicaEvent> events, BurnrateInstance... instances) {
    KafkaProbe probe = bench.probe();
    TopicPartition input = new TopicPartition(TOPICS.replicas(), 0);
    KafkaProbe.Group group = probe.group(APP);
    BurnrateInstance owner = Arrays.stream(instances)
        .filter(i -> FaultBench.owned(group, i).contains(input)).findFirst()
        .orElseThrow(() -> new AssertionError("no instance owns " + input + ": " + group));
    TopicPartition metrics = new TopicPartition(TOPICS.hourlyMetrics(), 0);
    List<String> metricsTopic = List.of(metrics.topic());
    long[] stable = {probe.endOffsets(metricsTopic, IsolationLevel.READ_COMMITTED).get(metrics)};
    long[] committedAt = {0};
    int[] sent = {0};
    await(owner.name() + " killed inside a transaction").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          Arrays.stream(instances).forEach(BurnrateInstance::requireAlive);
          int next = Math.min(events.size(), sent[0] + EVENTS_PER_POLL);
          bench.producer().sendEvents(events.subList(sent[0], next));
          sent[0] = next;
          long lso = probe.endOffsets(metricsTopic, IsolationLevel.READ_COMMITTED).get(metrics);
          long end = probe.endOffsets(metricsTopic, IsolationLevel.READ_UNCOMMITTED).get(metrics);
          long now = System.nanoTime();
          if (lso != stable[0]) {
            stable[0] = lso;
            committedAt[0] = now;
            return false;
          }
          if (committedAt[0] != 0 && now - committedAt[0] < COMMIT_INTERVAL.toNanos() / 2 && end > lso) {
            owner.kill();
            return true;
          }
          if (sent[0] == events.size()) {
            throw new AssertionError("all " + events.size() + " events sent without a moment to kill " + owner.name()
                + " inside a transaction; last stable offset " + lso + ", end offset " + end + " of " + metrics);
          }
          return false;
        });
    return new Victim(owner, metrics, sent[0]);
  }
}
