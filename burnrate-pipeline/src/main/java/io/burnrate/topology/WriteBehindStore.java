package io.burnrate.topology;

import io.burnrate.kafkainternals.CommitAwareStore;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.StateStore;

/**
 * A store whose owning processor works on decoded values through a {@link WriteBehindCache}, written
 * back when Kafka Streams flushes its caches before a commit, so that the changelog and exactly-once
 * see every change by the commit as before. Interactive queries (the read-only interfaces of the
 * subclasses, from other threads) read the store itself: what was committed or written back.
 *
 * <p>{@code WriteBehindStoresTest} shows the write-back through commits, revivals and hand-overs.
 */
abstract class WriteBehindStore<S extends StateStore, K, V> extends CommitAwareStore<S, String, V> {
  private final WriteBehindCache<K, V> cache;

  WriteBehindStore(S store, WriteBehindCache.Backing<K, V> backing, ToLongFunction<V> weigher, long maxBytes) {
    super(store);
    this.cache = new WriteBehindCache<>(backing, weigher, maxBytes);
  }

  /** The owning processor's view: cached, with changes not written back yet. */
  WriteBehindCache<K, V> cache() {
    return cache;
  }

  @Override
  protected void beforeCommit() {
    cache.writeBack();
  }

  /** Changes not written back belong to no commit: a store handed over or closed without one drops them. */
  @Override
  protected void dropUncommitted() {
    cache.clear();
  }
}
