package io.burnrate.sim;

import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the events say about each endpoint, measured the way the rules measure it, from the
 * records alone (never from the simulator's internals): cold starts, replicas, metered spend, errors,
 * warm latency, utilization, queue depth, request rates and bills.
 */
final class FleetStats {
  static final long MINUTE = 60_000;
  static final long HOUR = 3_600_000;
  private static final int LATENCY_BIN_MS = 10;
  private static final int LATENCY_BINS = 300;
  private static final long LATENCY_BUCKET = 5 * MINUTE;

  private final long runStart;
  private final long runEnd;
  private final Map<String, EndpointStats> byEndpoint = new TreeMap<>();
  long lastAppearsAt = Long.MIN_VALUE;
  boolean inAppearanceOrder = true;
  long records;

  private FleetStats(long runStart, long runEnd) {
    this.runStart = runStart;
    this.runEnd = runEnd;
  }

  static FleetStats of(SimulationPlan plan, Iterator<SimEvent> events) {
    FleetStats stats = new FleetStats(plan.start().toEpochMilli(), plan.end().toEpochMilli());
    while (events.hasNext()) {
      stats.add(events.next());
    }
    stats.byEndpoint.values().forEach(EndpointStats::closeReplicas);
    return stats;
  }

  EndpointStats endpoint(String id) {
    EndpointStats stats = byEndpoint.get(id);
    if (stats == null) {
      throw new AssertionError("no events for endpoint " + id);
    }
    return stats;
  }

  Map<String, EndpointStats> endpoints() {
    return byEndpoint;
  }

  private void add(SimEvent event) {
    records++;
    if (event.appearsAt() < lastAppearsAt) {
      inAppearanceOrder = false;
    }
    lastAppearsAt = event.appearsAt();
    if (event.value() instanceof EndpointConfig config) {
      byEndpoint.put(config.getEndpointId(), new EndpointStats(config));
    } else if (event.value() instanceof InferenceRequest request) {
      endpoint(request.getEndpointId()).request(request);
    } else if (event.value() instanceof ReplicaEvent replica) {
      endpoint(replica.getEndpointId()).replica(replica);
    } else if (event.value() instanceof BillingEvent bill) {
      endpoint(bill.getEndpointId()).bill(bill, event.appearsAt());
    }
  }

  private int minuteIndex(long t) {
    return (int) ((t - runStart) / MINUTE);
  }

  private int minutes() {
    return (int) ((runEnd - runStart + MINUTE - 1) / MINUTE);
  }

  /** One endpoint's measurements. */
  final class EndpointStats {
    final EndpointConfig config;
    final ZoneId zone;
    final long priceMicros;
    final int[] requests = new int[minutes()];
    final int[] errors = new int[minutes()];
    final int[] coldStarts = new int[minutes()];
    final int[] deepQueue = new int[minutes()];
    final double[] spendMicros = new double[minutes()];
    final double[] busyMs = new double[minutes()];
    final double[] readyMs = new double[minutes()];
    final boolean[] emptyMinute = new boolean[minutes()];
    long countSince = runStart;
    final int[][] latencyBins = new int[(int) ((runEnd - runStart) / LATENCY_BUCKET + 1)][LATENCY_BINS + 1];
    final List<Integer> replicasAfter = new ArrayList<>();
    final List<long[]> replicaCounts = new ArrayList<>();
    final Map<Long, Long> transferMicrosByHour = new TreeMap<>();
    final List<Long> scaleUpTimes = new ArrayList<>();
    final Map<String, Long> startedAt = new HashMap<>();
    final Map<String, Long> readyAt = new HashMap<>();
    final Map<Long, Map<BillingCategory, Double>> billedByHour = new TreeMap<>();
    final Map<Long, Map<BillingCategory, Integer>> linesByHour = new TreeMap<>();
    final List<String> lineItemIds = new ArrayList<>();
    final List<Long> billDelays = new ArrayList<>();
    final Map<Long, Double> computeHoursByHour = new TreeMap<>();
    final List<long[]> replicaSpans = new ArrayList<>();
    long lastReplicaEvent = Long.MIN_VALUE;
    int currentReplicas;

    EndpointStats(EndpointConfig config) {
      this.config = config;
      this.zone = ZoneId.of(config.getTimezone());
      this.priceMicros = Math.round(config.getHourlyPriceUsd() * 1e6);
    }

    void request(InferenceRequest request) {
      int m = minuteIndex(request.getTimestamp().toEpochMilli());
      requests[m]++;
      int status = request.getStatusCode();
      if (status >= 500 || status == 429) {
        errors[m]++;
      }
      if (request.getQueueDepth() != null && request.getQueueDepth() > 10) {
        deepQueue[m]++;
      }
      if (!request.getColdStart()) {
        busyMs[m] += request.getLatencyMs();
        int bucket = (int) ((request.getTimestamp().toEpochMilli() - runStart) / LATENCY_BUCKET);
        int bin = (int) Math.min(LATENCY_BINS, request.getLatencyMs() / LATENCY_BIN_MS);
        latencyBins[bucket][bin]++;
      }
    }

    void replica(ReplicaEvent event) {
      long t = event.getTimestamp().toEpochMilli();
      lastReplicaEvent = Math.max(lastReplicaEvent, t);
      replicasAfter.add(event.getReplicasAfter());
      replicaCounts.add(new long[] {t, event.getReplicasAfter()});
      markEmpty(t);
      currentReplicas = event.getReplicasAfter();
      countSince = t;
      String id = event.getReplicaId();
      if (event.getType() == ReplicaEventType.SCALE_UP) {
        startedAt.put(id, t);
        scaleUpTimes.add(t);
        if (event.getColdStart()) {
          int m = minuteIndex(t);
          long transfer = Math.round(event.getModelSizeGb() * 0.09 * 1e6);
          coldStarts[m]++;
          spendMicros[m] += transfer;
          transferMicrosByHour.merge(t / HOUR * HOUR, transfer, Long::sum);
        }
      } else if (event.getType() == ReplicaEventType.READY) {
        readyAt.put(id, t);
      } else {
        stop(id, t);
      }
      markEmpty(t);
    }

    /** Marks the minutes of [countSince, t] in which the endpoint had no replica. */
    private void markEmpty(long t) {
      if (currentReplicas > 0) {
        return;
      }
      for (int m = minuteIndex(countSince); m <= Math.min(minuteIndex(t), minutes() - 1); m++) {
        emptyMinute[m] = true;
      }
    }

    private void stop(String id, long t) {
      Long start = startedAt.remove(id);
      if (start == null) {
        throw new AssertionError(config.getEndpointId() + ": replica " + id + " stopped without a SCALE_UP");
      }
      replicaSpans.add(new long[] {start, t});
      spread(spendMicros, start, t, priceMicros / (double) HOUR);
      Long ready = readyAt.remove(id);
      if (ready != null) {
        spread(readyMs, ready, t, 1.0);
      }
    }

    void closeReplicas() {
      for (String id : List.copyOf(startedAt.keySet())) {
        stop(id, runEnd);
      }
      markEmpty(runEnd - 1);
    }

    private void spread(double[] perMinute, long from, long to, double perMs) {
      for (long s = from; s < to; ) {
        long e = Math.min(to, runStart + (minuteIndex(s) + 1) * MINUTE);
        perMinute[minuteIndex(s)] += (e - s) * perMs;
        s = e;
      }
    }

    void bill(BillingEvent bill, long appearsAt) {
      long hour = bill.getUsageStart().toEpochMilli() / HOUR * HOUR;
      billDelays.add(appearsAt - bill.getUsageEnd().toEpochMilli());
      if (bill.getCategory() == BillingCategory.COMPUTE) {
        computeHoursByHour.merge(hour, bill.getQuantity(), Double::sum);
      }
      billedByHour.computeIfAbsent(hour, h -> new TreeMap<>()).merge(bill.getCategory(), bill.getCostUsd(), Double::sum);
      linesByHour.computeIfAbsent(hour, h -> new TreeMap<>()).merge(bill.getCategory(), 1, Integer::sum);
      lineItemIds.add(bill.getLineItemId());
    }

    // ---- measurements ----

    /** Most cold starts within any {@code spanMinutes} consecutive minutes, inside [from, to). */
    int maxColdStarts(int spanMinutes, long from, long to) {
      return maxSum(coldStarts, spanMinutes, from, to);
    }

    int maxColdStarts(int spanMinutes) {
      return maxColdStarts(spanMinutes, runStart, runEnd);
    }

    int maxReplicasAfter() {
      return replicasAfter.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Most replicas_after of replica events in [from, to). */
    long maxReplicasAfter(long from, long to) {
      return replicaCounts.stream().filter(c -> c[0] >= from && c[0] < to).mapToLong(c -> c[1]).max().orElse(0);
    }

    /** Most metered spend (replica time at the config's price plus transfers) in any span, in USD. */
    double maxSpend(int spanMinutes) {
      double best = 0;
      double sum = 0;
      for (int m = 0; m < spendMicros.length; m++) {
        sum += spendMicros[m];
        if (m >= spanMinutes) {
          sum -= spendMicros[m - spanMinutes];
        }
        best = Math.max(best, sum);
      }
      return best / 1e6;
    }

    /** Metered spend per budget day (local date in the endpoint's zone), in USD. */
    Map<LocalDate, Double> daySpend() {
      Map<LocalDate, Double> days = new TreeMap<>();
      for (int m = 0; m < spendMicros.length; m++) {
        LocalDate day = Instant.ofEpochMilli(runStart + m * MINUTE).atZone(zone).toLocalDate();
        days.merge(day, spendMicros[m] / 1e6, Double::sum);
      }
      return days;
    }

    double budget() {
      return config.getDailyBudgetUsd();
    }

    /** Highest errors/requests in any 60 minutes with at least {@code minRequests} requests. */
    double maxErrorRate(int minRequests) {
      double best = 0;
      int reqs = 0;
      int errs = 0;
      for (int m = 0; m < requests.length; m++) {
        reqs += requests[m];
        errs += errors[m];
        if (m >= 60) {
          reqs -= requests[m - 60];
          errs -= errors[m - 60];
        }
        if (reqs >= minRequests) {
          best = Math.max(best, errs / (double) reqs);
        }
      }
      return best;
    }

    /** Highest p95 of warm latencies over any 60 minutes (in 5-minute steps), within [from, to). */
    double maxP95WarmLatency(int minRequests, long from, long to) {
      int span = (int) (HOUR / LATENCY_BUCKET);
      double best = 0;
      for (int end = span; end <= latencyBins.length; end++) {
        long windowStart = runStart + (end - span) * LATENCY_BUCKET;
        if (windowStart < from || windowStart + HOUR > to) {
          continue;
        }
        int[] merged = new int[LATENCY_BINS + 1];
        int total = 0;
        for (int b = end - span; b < end; b++) {
          for (int i = 0; i <= LATENCY_BINS; i++) {
            merged[i] += latencyBins[b][i];
            total += latencyBins[b][i];
          }
        }
        if (total < minRequests) {
          continue;
        }
        int rank = (int) Math.ceil(total * 0.95);
        int seen = 0;
        for (int i = 0; i <= LATENCY_BINS; i++) {
          seen += merged[i];
          if (seen >= rank) {
            best = Math.max(best, (i + 1) * LATENCY_BIN_MS);
            break;
          }
        }
      }
      return best;
    }

    double maxP95WarmLatency(int minRequests) {
      return maxP95WarmLatency(minRequests, runStart, runEnd);
    }

    /**
     * Utilization of each closed clock hour in [from, to) with at least one replica all hour: busy
     * time of warm requests over ready replica time, by hour start.
     */
    Map<Long, Double> hourlyUtilization(long from, long to) {
      Map<Long, Double> out = new TreeMap<>();
      for (long hour = (from + HOUR - 1) / HOUR * HOUR; hour + HOUR <= Math.min(to, runEnd); hour += HOUR) {
        int first = minuteIndex(hour);
        double busy = 0;
        double ready = 0;
        boolean staffed = true;
        for (int m = first; m < first + 60; m++) {
          busy += busyMs[m];
          ready += readyMs[m];
          staffed &= !emptyMinute[m];
        }
        if (staffed && ready > 0) {
          out.put(hour, Math.min(1.0, busy / ready));
        }
      }
      return out;
    }

    /** Most requests with queue_depth > 10 within any 5 minutes. */
    int maxDeepQueueIn5Minutes() {
      return maxSum(deepQueue, 5, runStart, runEnd);
    }

    /** Requests in the 60 minutes starting at {@code from}. */
    int requestsInHour(long from) {
      int sum = 0;
      for (int m = minuteIndex(from); m < minuteIndex(from) + 60 && m < requests.length; m++) {
        sum += requests[m];
      }
      return sum;
    }

    int maxRequestsInHour(long from, long to) {
      return maxSum(requests, 60, from, to);
    }

    /** Scale-ups per budget day. */
    Map<LocalDate, Integer> scaleUpsPerDay() {
      Map<LocalDate, Integer> days = new TreeMap<>();
      for (long t : scaleUpTimes) {
        days.merge(Instant.ofEpochMilli(t).atZone(zone).toLocalDate(), 1, Integer::sum);
      }
      return days;
    }

    /** Replica-milliseconds per UTC hour (from SCALE_UP to SCALE_DOWN/FAILED, or the run's end). */
    Map<Long, Long> replicaMsByHour() {
      Map<Long, Long> hours = new TreeMap<>();
      for (long[] span : replicaSpans) {
        for (long s = span[0]; s < span[1]; ) {
          long e = Math.min(span[1], s / HOUR * HOUR + HOUR);
          hours.merge(s / HOUR * HOUR, e - s, Long::sum);
          s = e;
        }
      }
      return hours;
    }

    private int maxSum(int[] perMinute, int span, long from, long to) {
      int best = 0;
      int sum = 0;
      int first = Math.max(0, minuteIndex(from));
      int last = Math.min(perMinute.length, minuteIndex(to - 1) + 1);
      for (int m = first; m < last; m++) {
        sum += perMinute[m];
        if (m - first >= span) {
          sum -= perMinute[m - span];
        }
        best = Math.max(best, sum);
      }
      return best;
    }
  }
}
