package io.burnrate.sim;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One endpoint's simulation, generated one simulated second at a time and handed out in appearance
 * order: requests arrive (Poisson, at the traffic shape's rate with slow noise), are served by ready
 * replicas (latency grows with load; without a ready replica they wait for one that is loading and are
 * cold starts), the autoscaler reacts every 30 seconds, replicas now and then fail and are replaced,
 * and each closed hour's bill appears one to two hours later. Memory stays bounded by what is
 * in flight: the replicas, a minute of offered work, and the events not yet handed out.
 */
final class EndpointRun {
  static final long STEP_MS = 1_000;
  static final long AUTOSCALER_TICK_MS = 30_000;
  static final int WINDOW_SECONDS = 60;
  /** Now and then a replica fails (and is replaced): once in 2,000 replica-hours. */
  static final double FAILURES_PER_REPLICA_HOUR = 0.0005;
  static final double LATENCY_SPREAD = 0.2;
  static final double NOISE_PERSISTENCE = 0.95;
  static final double NOISE_STEP = 0.03;
  private static final long SHAPE_REFRESH_MS = 10_000;

  private record Pending(long appearsAt, long sequence, SimEvent event) {}

  private final EndpointProfile profile;
  private final String topicRequests;
  private final String topicReplicas;
  private final String topicBilling;
  private final long runStart;
  private final long runEnd;
  private final long billingDelayMin;
  private final long billingDelayMax;
  private final SplittableRandom random;
  private final Autoscaler autoscaler;
  private final BillingAccumulator billing;
  private final ScenarioEffects effects;
  private final LocalClock clock;
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(Comparator.comparingLong(Pending::appearsAt).thenComparingLong(Pending::sequence));
  private final ReplicaPool replicas = new ReplicaPool();
  private final ServingModel serving;
  private final double[] offeredPerSecond = new double[WINDOW_SECONDS];
  private double offeredSum;
  private double noise;
  private double expNoise = 1;
  private double shape;
  private long shapeAt;
  private long nextPhantomAt = Long.MIN_VALUE;
  private long frontier;
  private long sequence;
  private long requestCount;
  private long replicaCount;
  private long replicaEventCount;
  private boolean finished;

  EndpointRun(EndpointProfile profile, SimulationPlan plan) {
    this.profile = profile;
    this.topicRequests = plan.topics().requests();
    this.topicReplicas = plan.topics().replicas();
    this.topicBilling = plan.topics().billing();
    this.runStart = plan.startMs();
    this.runEnd = plan.endMs();
    this.billingDelayMin = plan.billingDelayMin().toMillis();
    this.billingDelayMax = plan.billingDelayMax().toMillis();
    this.random = new SplittableRandom(profile.runSeed());
    this.effects = profile.effects();
    this.clock = new LocalClock(profile.zone());
    this.autoscaler = new Autoscaler(profile.minReplicas(), profile.maxReplicas(), plan.scaleDownDelay().toMillis());
    this.billing = new BillingAccumulator(profile.priceMicros(), effects, runStart);
    this.frontier = runStart;
    this.shapeAt = runStart;
    this.serving = new ServingModel(random);
    startInitialReplicas();
  }

  int index() {
    return profile.index();
  }

  /** When the next event appears, or Long.MAX_VALUE when the run is over. */
  long nextAppearsAt() {
    Pending head = head();
    return head == null ? Long.MAX_VALUE : head.appearsAt();
  }

  /** Takes the next event in appearance order, or null when the run is over. */
  SimEvent poll() {
    Pending head = head();
    if (head == null) {
      return null;
    }
    pending.poll();
    return head.event();
  }

  private Pending head() {
    while (!finished && (pending.isEmpty() || pending.peek().appearsAt() >= frontier)) {
      step();
    }
    return pending.peek();
  }

  // ---- one simulated second ----

  private void step() {
    long t = frontier;
    if (t >= runEnd) {
      emitBills(billing.closeAll(runEnd), runEnd);
      finished = true;
      return;
    }
    long next = Math.min(t + STEP_MS, runEnd);
    int slot = (int) Math.floorMod(Math.floorDiv(t, STEP_MS), (long) WINDOW_SECONDS);
    offeredSum -= offeredPerSecond[slot];
    offeredPerSecond[slot] = 0;
    if (Math.floorMod(t - runStart, Time.MINUTE_MS) == 0) {
      noise = NOISE_PERSISTENCE * noise + NOISE_STEP * random.nextGaussian();
      expNoise = Math.exp(noise);
    }
    if (Math.floorMod(t - runStart, AUTOSCALER_TICK_MS) == 0) {
      autoscale(t);
    }
    failReplicas(t, next);
    markReady(next);
    arrivals(t, next, slot);
    if (Time.hourStart(next) != Time.hourStart(t)) {
      emitBills(billing.closeHoursEndingBy(next), next);
    }
    frontier = next;
  }

  private void arrivals(long t, long next, int slot) {
    serving.advance(offered(), replicas.ready(), next - t);
    double rate = requestRate(t);
    int count = Randoms.poisson(random, rate * (next - t) / 1000.0);
    if (count == 0) {
      return;
    }
    long[] at = new long[count];
    for (int i = 0; i < count; i++) {
      at[i] = t + random.nextLong(next - t);
    }
    java.util.Arrays.sort(at);
    double meanService = profile.serviceMs() * effects.serviceFactor(t);
    for (long arrival : at) {
      double service = meanService * Randoms.unitLogNormal(random, LATENCY_SPREAD);
      offeredPerSecond[slot] += service;
      offeredSum += service;
      if (replicas.isEmpty()) {
        scaleTo(arrival, autoscaler.desired(arrival, Math.max(offered(), 1e-6), 0));
      }
      serve(arrival, service, meanService);
    }
  }

  /** Busy replica-equivalents offered over the last minute. */
  private double offered() {
    return offeredSum / (WINDOW_SECONDS * 1000.0);
  }

  /** Serves one request and records it, unless it completes after the run. */
  private void serve(long arrival, double service, double meanService) {
    ServingModel.Served served = serving.serve(arrival, service, meanService, offered(), replicas);
    long completed = arrival + Math.round(served.latencyMs());
    if (completed >= runEnd) {
      return;
    }
    int input = (int) Math.round(350 * Randoms.unitLogNormal(random, 0.6));
    int output = served.status() == 200 ? Math.max(1, (int) Math.round(120 * service / meanService)) : 0;
    InferenceRequest request = new InferenceRequest(
        SimIds.requestId(profile.endpointId(), requestCount++), profile.endpointId(), Instant.ofEpochMilli(completed),
        profile.region(), profile.instanceType().name(), served.replicaId(),
        Math.round(served.latencyMs() * 100) / 100.0, served.status(), served.coldStart(), input, output,
        served.queueDepth(), null);
    add(topicRequests, request, completed);
  }

  /** Requests per second at {@code t}: the shape (refreshed every 10 s), the noise, and any scenario. */
  private double requestRate(long t) {
    if (t >= shapeAt) {
      shape = clock.shape(t);
      shapeAt = t + SHAPE_REFRESH_MS;
    }
    double usual = profile.peakRate() * shape * expNoise;
    if (effects.isEmpty()) {
      return usual;
    }
    if (effects.deathSpiral(t)) {
      return effects.inSpiralBurst(t) ? ScenarioEffects.SPIRAL_BURST_LOAD / (profile.serviceMs() / 1000.0) : 0;
    }
    return usual * effects.rateFactor(t);
  }

  // ---- replicas ----

  private void startInitialReplicas() {
    double offered = effects.deathSpiral(runStart) ? 0 : profile.peakLoad()
        * TrafficShape.factor(runStart, profile.zone()) * effects.rateFactor(runStart) * effects.serviceFactor(runStart);
    int count = autoscaler.settled(offered);
    for (int i = 0; i < count; i++) {
      ReplicaPool.Replica replica = new ReplicaPool.Replica(SimIds.replicaId(profile.endpointId(), replicaCount++),
          runStart, runStart, runStart + failureDelay());
      replica.ready = true;
      replicas.add(replica);
      billing.started(replica.id, runStart, 0);
      addReplicaEvent(runStart, replica.id, ReplicaEventType.SCALE_UP, false, profile.modelSizeGb(), null);
      addReplicaEvent(runStart, replica.id, ReplicaEventType.READY, false, null, 0L);
    }
  }

  private void autoscale(long t) {
    int current = replicas.size();
    int desired = autoscaler.desired(t, offered(), current);
    if (effects.runaway(t)) {
      desired = Math.max(desired, current);
      if (t >= nextPhantomAt) {
        desired = Math.min(autoscaler.maxReplicas(), Math.max(desired, current + 1));
        nextPhantomAt = t + ScenarioEffects.RUNAWAY_STEP_MS;
      }
    }
    scaleTo(t, desired);
  }

  private void scaleTo(long t, int desired) {
    while (replicas.size() < desired) {
      startReplica(t);
    }
    while (replicas.size() > desired) {
      stopReplica(t, replicas.victim(), ReplicaEventType.SCALE_DOWN);
    }
  }

  private void startReplica(long t) {
    double modelGb = effects.smallModel(t) ? InstanceCatalog.SMALL_MODEL_GB : profile.modelSizeGb();
    long startup = Math.round(InstanceCatalog.startupMs(modelGb) * Randoms.uniform(random, 0.85, 1.2));
    long readyAt = t + startup;
    ReplicaPool.Replica replica = new ReplicaPool.Replica(SimIds.replicaId(profile.endpointId(), replicaCount++), t,
        readyAt, readyAt + failureDelay());
    replicas.add(replica);
    billing.started(replica.id, t, modelGb);
    addReplicaEvent(t, replica.id, ReplicaEventType.SCALE_UP, true, modelGb, null);
  }

  private void stopReplica(long t, ReplicaPool.Replica replica, ReplicaEventType type) {
    replicas.remove(replica);
    billing.stopped(replica.id, t);
    addReplicaEvent(t, replica.id, type, false, null, null);
  }

  private void markReady(long next) {
    for (ReplicaPool.Replica replica : replicas.becomeReadyBefore(next)) {
      serving.replicaReady();
      addReplicaEvent(replica.readyAt, replica.id, ReplicaEventType.READY, false, null,
          replica.readyAt - replica.startedAt);
    }
  }

  private void failReplicas(long t, long next) {
    for (ReplicaPool.Replica replica : replicas.failingBefore(next)) {
      long at = Math.max(replica.failAt, t);
      stopReplica(at, replica, ReplicaEventType.FAILED);
      startReplica(at);
    }
  }

  private long failureDelay() {
    double hours = -Math.log(1 - random.nextDouble()) / FAILURES_PER_REPLICA_HOUR;
    return Math.round(Math.min(hours, 1e6) * Time.HOUR_MS);
  }

  private void addReplicaEvent(long t, String replicaId, ReplicaEventType type, boolean cold, Double modelGb,
      Long startupMs) {
    ReplicaEvent event = new ReplicaEvent(
        SimIds.replicaEventId(profile.endpointId(), replicaEventCount++), profile.endpointId(), Instant.ofEpochMilli(t),
        replicaId, type, cold, replicas.size(), profile.instanceType().name(), profile.region(), modelGb, startupMs);
    add(topicReplicas, event, t);
  }

  // ---- bills ----

  private void emitBills(List<BillingAccumulator.Line> lines, long notBefore) {
    for (BillingAccumulator.Line line : lines) {
      long delay = Randoms.uniformLong(random, billingDelayMin, billingDelayMax);
      long appearsAt = Math.max(line.usageEnd() + delay, notBefore);
      BillingCategory category = line.compute() ? BillingCategory.COMPUTE : BillingCategory.COLD_START_TRANSFER;
      BillingEvent bill = new BillingEvent(
          SimIds.lineItemId(profile.endpointId(), Time.hourStart(line.usageStart()), category.name()),
          profile.endpointId(), Instant.ofEpochMilli(line.usageStart()), Instant.ofEpochMilli(line.usageEnd()),
          category, profile.instanceType().name(), profile.region(), line.quantity(), line.unit(),
          Money.usd(line.costMicros()));
      add(topicBilling, bill, appearsAt);
    }
  }

  private void add(String topic, org.apache.avro.specific.SpecificRecord value, long appearsAt) {
    pending.add(new Pending(appearsAt, sequence++, new SimEvent(topic, profile.endpointId(), value, appearsAt)));
  }
}
