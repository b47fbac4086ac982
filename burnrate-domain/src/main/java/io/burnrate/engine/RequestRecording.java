package io.burnrate.engine;

import io.burnrate.meter.SliceStats;
import io.burnrate.rules.LatencyBins;
import io.burnrate.schema.AlertRule;

/** What a served request adds to its slice (the hourly figures) and to its minute (the sliding spans). */
final class RequestRecording {
  private RequestRecording() {
  }

  static void apply(Step step, Events.Request request) {
    long t = request.timestamp();
    step.state.lastRegion = request.region();
    step.state.lastInstanceType = request.instanceType();
    SliceStats slice = step.slice(t);
    slice.requests++;
    if (request.isError()) {
      slice.errors++;
    }
    if (!request.coldStart()) {
      slice.busyMicros += Math.round(request.latencyMs() * 1000.0);
      slice.recordWarmLatency(request.latencyMs());
    }
    MinuteBucket minute = step.minute(t);
    if (minute != null) {
      countInMinute(step, minute, request);
    }
  }

  private static void countInMinute(Step step, MinuteBucket minute, Events.Request request) {
    minute.requests++;
    if (request.isError()) {
      minute.errors++;
    }
    if (!request.coldStart()) {
      double latencyLimit = step.endpoint.thresholds().get(AlertRule.HIGH_LATENCY);
      minute.warmRequests++;
      if (request.latencyMs() > latencyLimit) {
        minute.slowRequests++;
      }
      int bin = LatencyBins.index(request.latencyMs(), latencyLimit);
      if (bin > 0) {
        if (minute.latencyBins == null) {
          minute.latencyBins = new long[LatencyBins.COUNT];
        }
        minute.latencyBins[bin]++;
        if (bin == LatencyBins.COUNT - 1) {
          minute.slowestMs = Math.max(minute.slowestMs, request.latencyMs());
        }
      }
    }
    Integer depth = request.queueDepth();
    if (depth != null) {
      minute.maxQueueDepth = Math.max(minute.maxQueueDepth, depth);
      if (depth > step.endpoint.thresholds().get(AlertRule.QUEUE_DEPTH)) {
        minute.deepQueueRequests++;
      }
    }
  }
}
