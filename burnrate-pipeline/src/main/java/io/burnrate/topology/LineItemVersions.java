package io.burnrate.topology;

import io.burnrate.engine.Events;
import io.burnrate.engine.StateCodec;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The latest version of each billing line item, by id at its usage start, for as long as a correction
 * may still come: a line item read again unchanged is a duplicate, a changed one corrects the latest
 * version (whose amounts the engine takes back first).
 */
final class LineItemVersions {
  private final WindowStore<String, byte[]> store;
  private final long retentionMs;

  LineItemVersions(WindowStore<String, byte[]> store, long retentionMs) {
    this.store = store;
    this.retentionMs = retentionMs;
  }

  /** The latest version kept of the item's line item, or null for its first. */
  Events.LineItem latest(Events.LineItem item, long streamTime) {
    Events.LineItem latest = null;
    // From the oldest start the store still keeps: a fetch from 0 would walk every segment since 1970.
    long oldest = Math.max(0L, streamTime - retentionMs);
    try (WindowStoreIterator<byte[]> versions = store.fetch(item.lineItemId(), oldest, Long.MAX_VALUE)) {
      while (versions.hasNext()) {
        latest = StateCodec.decodeLineItem(versions.next().value);
      }
    }
    return latest;
  }

  /** Keeps {@code item} as the latest version, in place of {@code previous} (null for none). */
  void replace(Events.LineItem previous, Events.LineItem item) {
    if (previous != null && previous.usageStart() != item.usageStart()) {
      store.put(previous.lineItemId(), null, previous.usageStart());
    }
    store.put(item.lineItemId(), StateCodec.encode(item), item.usageStart());
  }
}
