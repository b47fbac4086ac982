package io.burnrate.faults;

import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntToLongFunction;

/**
 * Two producers of the fault day, as two teams' services would be: one sends the replica events, the
 * other the requests, each in event-time order, five minutes of event time at a time on a fixed
 * schedule; the request producer stalls now and then (a broker hiccup, a pause of its process) and
 * falls further behind each time. A second of stall is hours of event time at this pace, as in an
 * analyst's fast replay.
 */
final class SkewedProducers {
  private static final Duration PIECE = Duration.ofMinutes(5);

  private final CompletableFuture<Void> replicas;
  private final CompletableFuture<Void> requests;

  private SkewedProducers(CompletableFuture<Void> replicas, CompletableFuture<Void> requests) {
    this.replicas = replicas;
    this.requests = requests;
  }

  /**
   * @param pause between two pieces of each producer
   * @param stallEvery how many pieces the request producer sends between two stalls
   * @param stall how long it stalls
   */
  static SkewedProducers start(FaultBench bench, Duration pause, int stallEvery, Duration stall) {
    FaultDay day = bench.day();
    List<List<ReplicaEvent>> replicaPieces = pieces(day.events(), e -> e.getTimestamp());
    List<List<InferenceRequest>> requestPieces = pieces(day.requests(), r -> r.getTimestamp());
    long start = System.nanoTime();
    CompletableFuture<Void> replicas = CompletableFuture.runAsync(
        () -> send(replicaPieces, bench.producer()::sendEvents, k -> start + k * pause.toNanos()));
    CompletableFuture<Void> requests = CompletableFuture.runAsync(
        () -> send(requestPieces, bench.producer()::sendRequests,
            k -> start + k * pause.toNanos() + (k / stallEvery) * stall.toNanos()));
    return new SkewedProducers(replicas, requests);
  }

  boolean done() {
    return replicas.isDone() && requests.isDone();
  }

  void await(Duration timeout) {
    try {
      CompletableFuture.allOf(replicas, requests).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while the producers sent", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the producers did not send the day within " + timeout + ": " + e, e);
    }
  }

  /** Piece k goes at {@code schedule(k)} (System.nanoTime), however long sending the ones before took. */
  private static <T> void send(List<List<T>> pieces, Consumer<List<T>> sender, IntToLongFunction schedule) {
    for (int k = 0; k < pieces.size(); k++) {
      sleep(Duration.ofNanos(schedule.applyAsLong(k) - System.nanoTime()));
      sender.accept(pieces.get(k));
    }
  }

  private static <T> List<List<T>> pieces(List<T> records, Function<T, Instant> time) {
    Map<Long, List<T>> byPiece = new TreeMap<>();
    for (T record : records) {
      long index = Duration.between(FaultDay.DAY, time.apply(record)).toMillis() / PIECE.toMillis();
      byPiece.computeIfAbsent(index, k -> new ArrayList<>()).add(record);
    }
    return List.copyOf(byPiece.values());
  }

  private static void sleep(Duration duration) {
    if (duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
