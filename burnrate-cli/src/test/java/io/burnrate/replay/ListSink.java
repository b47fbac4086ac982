package io.burnrate.replay;

import io.burnrate.schema.BillingEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a replay sends; can be told to fail the n-th send. */
final class ListSink implements Sink {
  final List<BillingEvent> events = new ArrayList<>();
  final List<String> origins = new ArrayList<>();
  private final int failAt;
  int flushes;
  boolean closed;

  ListSink() {
    this(-1);
  }

  /** Fails the send of the {@code failAt}-th event (1-based). */
  ListSink(int failAt) {
    this.failAt = failAt;
  }

  @Override
  public void send(BillingEvent event, String origin) {
    if (events.size() + 1 == failAt) {
      throw new ReplayFailedException("cannot send " + origin + ": broker says no", null);
    }
    events.add(event);
    origins.add(origin);
  }

  @Override
  public void flush() {
    flushes++;
  }

  @Override
  public long sent() {
    return events.size();
  }

  @Override
  public void close() {
    closed = true;
  }

  List<String> lineItems() {
    return events.stream().map(BillingEvent::getLineItemId).toList();
  }
}
