package io.burnrate.sim;

import java.util.SplittableRandom;

/**
 * How one endpoint serves a request: latency grows with utilization, a backlog builds while the
 * offered load exceeds the ready replicas (and requests are refused with 429 once the wait would pass
 * five seconds), requests without a ready replica wait for the first that loads (cold starts), and a
 * background error (5xx or 429) comes every 400 to 1,600 requests.
 */
final class ServingModel {
  /** Background errors: one every 400-1,600 requests, about 0.1 %, never two within 100 requests. */
  static final long MIN_REQUESTS_BETWEEN_ERRORS = 400;
  static final double SERVER_ERROR_SHARE = 0.6;
  /** Latency grows with utilization: x(1 + 0.4 u^2), so x1.2 at 70 %. */
  static final double LOAD_LATENCY = 0.4;
  /** The random queue of a busy endpoint is drawn as at most 80 % utilization; beyond, the backlog shows. */
  static final double QUEUE_UTILIZATION_CAP = 0.8;
  static final double MAX_WAIT_MS = 5_000;

  /** The outcome for one request. */
  record Served(double latencyMs, int status, boolean coldStart, int queueDepth, String replicaId) {}

  private final SplittableRandom random;
  private double backlogMs;
  private int coldWaiting;
  private long requestsToNextError;

  ServingModel(SplittableRandom random) {
    this.random = random;
    this.requestsToNextError = nextErrorGap();
  }

  /**
   * Moves the backlog on by {@code stepMs}: it builds while the offered load exceeds the ready
   * replicas' capacity and drains otherwise. Below capacity there is no backlog, only a short random
   * queue.
   */
  void advance(double offered, int ready, long stepMs) {
    if (ready == 0) {
      backlogMs = 0;
      return;
    }
    backlogMs = Math.max(0, Math.min(MAX_WAIT_MS * ready, backlogMs + (offered - ready) * stepMs));
  }

  /** A replica finished loading: the requests that waited for it are served. */
  void replicaReady() {
    coldWaiting = 0;
  }

  /**
   * Serves a request arriving at {@code arrival} that needs {@code serviceMs} of work (the mean being
   * {@code meanServiceMs}), with {@code offered} busy replica-equivalents of load.
   */
  Served serve(long arrival, double serviceMs, double meanServiceMs, double offered, ReplicaPool replicas) {
    int ready = replicas.readyAt(arrival);
    Served served;
    if (ready == 0) {
      ReplicaPool.Replica loading = replicas.firstLoading(arrival);
      served = new Served(loading.readyAt - arrival + serviceMs, 200, true, coldWaiting++, loading.id);
    } else {
      double utilization = offered / ready;
      double queued = Math.min(utilization, QUEUE_UTILIZATION_CAP);
      int depth = (int) Math.round(backlogMs / meanServiceMs)
          + Randoms.poisson(random, queued * queued / (1 - queued));
      String replicaId = replicas.pickReady(arrival, ready, random).id;
      boolean full = backlogMs >= MAX_WAIT_MS * ready && random.nextDouble() > 1 / utilization;
      if (full) {
        served = new Served(Randoms.uniform(random, 2, 8), 429, false, depth, replicaId);
      } else {
        double busy = Math.min(utilization, 1);
        double latency = serviceMs * (1 + LOAD_LATENCY * busy * busy) + backlogMs / ready;
        served = new Served(latency, 200, false, depth, replicaId);
      }
    }
    return served.status() == 200 ? withBackgroundError(served) : served;
  }

  private Served withBackgroundError(Served served) {
    if (--requestsToNextError > 0) {
      return served;
    }
    requestsToNextError = nextErrorGap();
    if (random.nextDouble() < SERVER_ERROR_SHARE) {
      int status = random.nextInt(4) == 0 ? 503 : 500;
      return new Served(served.latencyMs() * Randoms.uniform(random, 0.1, 1.0), status, served.coldStart(),
          served.queueDepth(), served.replicaId());
    }
    return new Served(Randoms.uniform(random, 2, 8), 429, served.coldStart(), served.queueDepth(), served.replicaId());
  }

  private long nextErrorGap() {
    return Randoms.uniformLong(random, MIN_REQUESTS_BETWEEN_ERRORS, 4L * MIN_REQUESTS_BETWEEN_ERRORS);
  }
}
