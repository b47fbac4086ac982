package io.burnrate.alertmanager;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A request to stop, set once from any thread, that cuts short any wait of the forwarding thread. */
final class StopSignal {
  private final CountDownLatch requested = new CountDownLatch(1);

  void request() {
    requested.countDown();
  }

  boolean isRequested() {
    return requested.getCount() == 0;
  }

  /** Waits up to {@code duration}; true if a stop was requested (before or meanwhile). */
  boolean awaitStop(Duration duration) {
    try {
      return requested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
