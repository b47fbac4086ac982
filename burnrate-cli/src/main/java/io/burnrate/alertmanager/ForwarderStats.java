package io.burnrate.alertmanager;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the bridge has done since it started; read from any thread. */
public final class ForwarderStats {

  /**
   * @param firing FIRING alerts Alertmanager accepted
   * @param resolved RESOLVED alerts Alertmanager accepted
   * @param rejected records Alertmanager refused with a 4xx, logged and skipped
   * @param undecodable records that were no CostAlert, logged and skipped
   * @param superseded old records not posted because a later record of the same alert was already known
   * @param reposts times the active alerts were posted again
   * @param active alerts FIRING and not yet RESOLVED, of the partitions this bridge owns
   */
  public record Snapshot(
      long firing, long resolved, long rejected, long undecodable, long superseded, long reposts, int active) {}

  final AtomicLong firing = new AtomicLong();
  final AtomicLong resolved = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong undecodable = new AtomicLong();
  final AtomicLong superseded = new AtomicLong();
  final AtomicLong reposts = new AtomicLong();
  final AtomicInteger active = new AtomicInteger();

  public Snapshot snapshot() {
    return new Snapshot(firing.get(), resolved.get(), rejected.get(), undecodable.get(), superseded.get(),
        reposts.get(), active.get());
  }
}
