package io.burnrate.faults;

import static io.burnrate.faults.FaultBench.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same outputs, while the input is still arriving: two producers send the fault day's
 * replica events and requests at once, the request producer stalling for 1.5 s now and then (within
 * the instance's {@link FaultBench#INPUT_IDLE}; hours of event time each), while Burnrate runs, is killed with SIGKILL and restarted, or is frozen until the broker
 * aborts its transaction. Each run's committed outputs must be exactly those of a fault-free run that
 * reads the whole input afterwards, and no valid record may reach the dead-letter topic.
 */
class ConcurrentInputFaultsIT {
  private static final Duration PAUSE = Duration.ofMillis(80);
  private static final int STALL_EVERY = 25;
  /** More than Kafka Streams waits for an input that looks caught up (max.task.idle.ms, 1 s). */
  private static final Duration STALL = Duration.ofMillis(1500);
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
  void producersSkewedAcrossTopicsGiveTheOutputsOfAReadOfTheWholeInput(@TempDir Path dir) {
    Running run = startWithProducers(dir, "skewed", Map.of());
    run.producers().await(Duration.ofSeconds(120));

    assertSameOutputsAsAFaultFreeRun("skewed", run.instance());
  }

  @Test
  @Timeout(420)
  void killedHardThreeTimesAndRestartedWhileTheInputIsArriving(@TempDir Path dir) {
    Running run = startWithProducers(dir, "killed", Map.of());
    BurnrateInstance a = run.instance();
    SkewedProducers producers = run.producers();
    List<Duration> restarts = new ArrayList<>();
    for (Duration runFor : List.of(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofMillis(2500))) {
      sleep(runFor);
      a.requireAlive();
      assertThat(producers.done()).as("the input is still arriving at the kill").isFalse();
      a.kill();
      long started = System.nanoTime();
      a.start();
      restarts.add(Duration.ofNanos(System.nanoTime() - started));
    }
    System.out.println("restarts after kill -9, to RUNNING: " + restarts);
    producers.await(Duration.ofSeconds(120));

    assertSameOutputsAsAFaultFreeRun("killed", a);
  }

  @Test
  @Timeout(300)
  void aTransactionAbortedByTheBrokerWhileTheInputIsArriving(@TempDir Path dir) {
    // Frozen longer than its transaction timeout: the broker aborts the open transaction and fences the
    // producer; the consumer group has moved on too. Thawed, the instance must start over from its commit.
    Running run = startWithProducers(dir, "aborted", Map.of("producer.transaction.timeout.ms", "4000"));
    BurnrateInstance a = run.instance();
    SkewedProducers producers = run.producers();
    sleep(Duration.ofSeconds(4));
    assertThat(producers.done()).as("the input is still arriving when the transaction is aborted").isFalse();
    a.suspend();
    sleep(Duration.ofSeconds(9));
    a.resume();
    producers.await(Duration.ofSeconds(120));

    assertSameOutputsAsAFaultFreeRun("aborted", a);
  }

  private record Running(BurnrateInstance instance, SkewedProducers producers) {}

  /** The broker, one instance of {@code applicationId} running, and both producers sending. */
  private Running startWithProducers(Path dir, String applicationId, Map<String, String> overrides) {
    bench = FaultBench.start(dir);
    BurnrateInstance instance = bench.instance("a", applicationId, overrides, CLOSE_TIMEOUT).start();
    return new Running(instance, SkewedProducers.start(bench, PAUSE, STALL_EVERY, STALL));
  }

  private void assertSameOutputsAsAFaultFreeRun(String applicationId, BurnrateInstance running) {
    bench.awaitSettled(applicationId, TOPICS, Duration.ofSeconds(150), running);
    RunOutputs withFaults = bench.read(TOPICS);
    RunOutputs reference = bench.referenceRun(applicationId + "-reference");
    OutputComparison.assertMeaningful(reference, bench.day());
    OutputComparison.assertSameCommittedOutputs(withFaults, reference);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
