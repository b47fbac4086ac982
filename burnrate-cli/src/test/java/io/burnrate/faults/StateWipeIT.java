package io.burnrate.faults;

import static io.burnrate.faults.FaultBench.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.local.TestDirectories;
import io.burnrate.schema.ReplicaEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance whose state directory is wiped while it is down restores its stores from the changelogs,
 * and the outputs stay those of a fault-free run. The pair runs with {@code num.standby.replicas=1}
 * (a Kafka Streams key passed through Burnrate's configuration): each instance keeps a copy of the
 * other's stores, fed from the changelogs, so the survivor takes over the killed one's work warm.
 */
class StateWipeIT {
  private static final String APP = "faults-standby";
  /**
   * One standby per task; and a restored instance counts as caught up however far behind its stores are,
   * so that it gets its tasks back at once (restoring them from the changelogs) rather than after a
   * probing rebalance minutes later.
   */
  private static final Map<String, String> STANDBY = Map.of(
      "num.standby.replicas", "1",
      "acceptable.recovery.lag", "100000000");
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FaultBench bench;

  @AfterEach
  void stopEverything() {
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  @Timeout(300)
  void anInstanceWipedWhileDownRestoresFromTheChangelogsAndTheOutputsStayThoseOfAFaultFreeRun(@TempDir Path dir) {
    bench = FaultBench.start(dir);
    List<List<ReplicaEvent>> chunks = bench.day().chunks(Duration.ofHours(4));
    BurnrateInstance a = bench.instance("a", APP, STANDBY, CLOSE_TIMEOUT).start();
    BurnrateInstance b = bench.instance("b", APP, STANDBY, CLOSE_TIMEOUT).start();
    bench.awaitSharing(APP, Duration.ofSeconds(90), a, b);

    bench.producer().sendEvents(chunks.get(0));
    bench.producer().sendEvents(chunks.get(1));
    bench.awaitSettled(APP, TOPICS, Duration.ofSeconds(90), a, b);
    for (BurnrateInstance instance : List.of(a, b)) {
      await(instance.name() + " keeping standby copies up to date").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(standbyRecords(instance))
              .as("changelog records %s's restore consumer read for its standby tasks", instance.name())
              .isPositive());
    }

    a.kill();
    TestDirectories.deleteRecursively(a.stateDir());
    assertThat(a.stateDir()).as("a's state, wiped while a is down").doesNotExist();
    bench.producer().sendEvents(chunks.get(2));
    bench.awaitSharing(APP, Duration.ofSeconds(60), b);
    bench.awaitSettled(APP, TOPICS, Duration.ofSeconds(90), b);

    a.start();
    bench.awaitSharing(APP, Duration.ofSeconds(90), a, b);
    Set<TopicPartition> ownedByA = FaultBench.owned(bench.probe().group(APP), a);
    List<Path> restoredTasks = ownedByA.stream().filter(tp -> tp.topic().equals(TOPICS.replicas()))
        .map(tp -> a.stateDir().resolve(APP).resolve("0_" + tp.partition())).toList();
    assertThat(restoredTasks).as("a's tasks after its restart").isNotEmpty();
    for (List<ReplicaEvent> chunk : chunks.subList(3, chunks.size())) {
      bench.producer().sendEvents(chunk);
    }
    bench.awaitSettled(APP, TOPICS, Duration.ofSeconds(120), a, b);
    assertThat(restoredTasks).as("a's task directories, rebuilt").allSatisfy(task -> assertThat(task).isDirectory());
    RunOutputs withFaults = bench.read(TOPICS);

    RunOutputs reference = bench.referenceRun("faults-standby-reference");
    OutputComparison.assertMeaningful(reference, bench.day());
    OutputComparison.assertSameCommittedOutputs(withFaults, reference);
  }

  /**
   * Changelog records the instance's restore consumer has read, from its {@code /metrics}: the tasks
   * were assigned before any input arrived, so with no failure and no restart behind it only standby
   * tasks make it read any.
   */
  private static double standbyRecords(BurnrateInstance instance) throws IOException, InterruptedException {
    HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(instance.httpUrl() + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    List<String> restoreConsumer = metrics.body().lines()
        .filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_consumed_total{"))
        .filter(line -> line.contains("restore-consumer\"") && !line.contains("topic="))
        .toList();
    assertThat(restoreConsumer).as("restore consumer metrics of %s; those with 'restore' in /metrics: %s",
        instance.name(), metrics.body().lines().filter(l -> l.contains("restore")).limit(20).toList()).isNotEmpty();
    return restoreConsumer.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
