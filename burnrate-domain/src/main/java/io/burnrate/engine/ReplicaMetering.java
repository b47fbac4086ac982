package io.burnrate.engine;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.schema.ReplicaEventType;

/**
 * Replica lifecycle events and the running cost they meter: each running replica accrues its price
 * per hour into slices and minutes up to the endpoint's clock, and an event read late takes back or
 * adds what was metered meanwhile, so the totals never depend on the order of arrival.
 */
final class ReplicaMetering {
  private ReplicaMetering() {
  }

  static void apply(Step step, Events.Replica event) {
    EndpointState state = step.state;
    long t = event.timestamp();
    state.lastRegion = event.region();
    state.lastInstanceType = event.instanceType();
    switch (event.type()) {
      case SCALE_UP -> scaleUp(step, event);
      case READY -> ready(step, event);
      case SCALE_DOWN, FAILED -> stop(step, event);
      default -> {
        return;
      }
    }
    SliceStats slice = step.slice(t);
    slice.maxReplicas = Math.max(slice.maxReplicas, event.replicasAfter());
    if (t >= state.lastReplicaEventAt) {
      // An older event describes an earlier count: it is metered, but does not set the count.
      state.lastReplicaEventAt = t;
      state.replicaCount = event.replicasAfter();
      step.replicaCountSet = true;
    }
  }

  /** Meters every running replica from where metering stopped up to {@code to}. */
  static void meterTo(Step step, long to) {
    EndpointState state = step.state;
    if (state.meteredUntil == EndpointState.NEVER) {
      state.meteredUntil = to;
      return;
    }
    if (to <= state.meteredUntil) {
      return;
    }
    for (ReplicaRun run : state.replicas.values()) {
      accrue(step, run, Math.max(run.startedAt, state.meteredUntil), to, +1);
    }
    state.meteredUntil = to;
  }

  private static void scaleUp(Step step, Events.Replica event) {
    EndpointState state = step.state;
    long t = event.timestamp();
    if (state.replicas.containsKey(event.replicaId())) {
      return; // a repeated SCALE_UP of a running replica changes nothing
    }
    ReplicaRun run = new ReplicaRun(event.replicaId(), t, priceMicros(step, event), ReplicaRun.NOT_READY);
    Long stoppedAt = state.stoppedReplicas.remove(event.replicaId());
    if (stoppedAt != null) {
      // Its SCALE_DOWN was read first: the replica ran from t to its stop, and runs no more.
      if (stoppedAt <= t) {
        state.stoppedReplicas.put(event.replicaId(), stoppedAt);
        return; // a SCALE_UP re-sent after the replica stopped
      }
      accrue(step, run, t, Math.min(stoppedAt, state.meteredUntil), +1);
      state.stoppedReplicas.put(event.replicaId(), t);
    } else {
      state.replicas.put(run.replicaId, run);
      if (t < state.meteredUntil) {
        accrue(step, run, t, state.meteredUntil, +1);
      }
    }
    SliceStats slice = step.slice(t);
    slice.scaleEvents++;
    slice.scaleUps++;
    step.day(t).scaleUps++;
    if (event.coldStart()) {
      slice.coldStarts++;
      double gb = event.modelSizeGb() != null ? event.modelSizeGb() : step.endpoint.modelSizeGb();
      long transfer = Money.micros(gb * step.settings.transferUsdPerGb() * step.endpoint.meterCorrection());
      step.addMetered(slice, Category.COLD_START_TRANSFER, transfer);
      MinuteBucket minute = step.minute(t);
      if (minute != null) {
        minute.coldStarts++;
        minute.metered[Category.COLD_START_TRANSFER] += transfer;
      }
    }
  }

  private static void ready(Step step, Events.Replica event) {
    ReplicaRun run = step.state.replicas.get(event.replicaId());
    if (run == null || run.ready()) {
      return;
    }
    long t = Math.max(event.timestamp(), run.startedAt);
    run.readyAt = t;
    if (t < step.state.meteredUntil) {
      accrueReadyTime(step, run, t, step.state.meteredUntil, +1);
    }
  }

  private static void stop(Step step, Events.Replica event) {
    EndpointState state = step.state;
    ReplicaRun run = state.replicas.remove(event.replicaId());
    long t = event.timestamp();
    if (run != null || !state.stoppedReplicas.containsKey(event.replicaId())) {
      state.stoppedReplicas.put(event.replicaId(), run == null ? t : Math.max(t, run.startedAt));
    }
    if (event.type() == ReplicaEventType.SCALE_DOWN) {
      step.slice(t).scaleEvents++;
    }
    if (run != null && t < state.meteredUntil) {
      accrue(step, run, Math.max(t, run.startedAt), state.meteredUntil, -1);
    }
  }

  private static long priceMicros(Step step, Events.Replica event) {
    Double price = step.endpoint.hourlyPriceUsd();
    if (price == null) {
      price = step.settings.priceTable().priceUsd(event.instanceType(), event.region());
    }
    return price == null ? 0 : Money.micros(price * step.endpoint.meterCorrection());
  }

  /** Adds (sign +1) or takes back (-1) a replica's cost and ready time over [from, to). */
  private static void accrue(Step step, ReplicaRun run, long from, long to, int sign) {
    if (from >= to) {
      return;
    }
    for (long s = from; s < to; ) {
      long e = Math.min(to, step.sliceEnd(s));
      SliceStats slice = step.slice(s);
      if (run.microsPerHour > 0) {
        step.addMetered(slice, Category.COMPUTE, sign * costBetween(run, s, e));
      }
      if (sign > 0) {
        slice.maxReplicas = Math.max(slice.maxReplicas, Math.max(step.state.replicaCount, 1));
      }
      s = e;
    }
    accrueReadyTime(step, run, from, to, sign);
    if (run.microsPerHour > 0) {
      long first = Math.max(Time.minuteStart(from), step.firstKeptMinute());
      for (long m = first; m < to; m += Time.MINUTE_MS) {
        long ms = Step.overlap(from, to, m, m + Time.MINUTE_MS);
        if (ms > 0) {
          long pieceStart = Math.max(from, m);
          step.minuteAt(m).metered[Category.COMPUTE] += sign * costBetween(run, pieceStart, pieceStart + ms);
        }
      }
    }
  }

  /**
   * A replica's cost over [from, to), rounded from its start, so that however time is cut into
   * pieces (per event, per tick) the pieces add up to the same total, and a take-back is exact.
   */
  private static long costBetween(ReplicaRun run, long from, long to) {
    return Money.forDuration(run.microsPerHour, to - run.startedAt)
        - Money.forDuration(run.microsPerHour, from - run.startedAt);
  }

  private static void accrueReadyTime(Step step, ReplicaRun run, long from, long to, int sign) {
    if (!run.ready()) {
      return;
    }
    long start = Math.max(from, run.readyAt);
    for (long s = start; s < to; ) {
      long e = Math.min(to, step.sliceEnd(s));
      step.slice(s).readyReplicaMs += sign * (e - s);
      s = e;
    }
  }
}
