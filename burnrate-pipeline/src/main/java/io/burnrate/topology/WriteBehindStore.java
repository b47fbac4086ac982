package io.burnrate.topology;

import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A store whose owning processor works on decoded values through a {@link WriteBehindCache}, written
 * back when Kafka Streams flushes its caches before a commit, so that the changelog and exactly-once
 * see every change by the commit as before. Interactive queries (the read-only interfaces of the
 * subclasses, from other threads) read the store itself: what was committed or written back.
 *
 * <p>Extends Kafka Streams' {@code WrappedStateStore}, whose {@code flushCache} is the one call every
 * store gets before a commit; {@code WriteBehindStoresTest} checks that this still holds.
 */
abstract class WriteBehindStore<S extends StateStore, K, V> extends WrappedStateStore<S, String, V> {
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
  public void init(StateStoreContext context, StateStore root) {
    cache.clear();
    super.init(context, root);
  }

  @Override
  public void flushCache() {
    cache.writeBack();
    super.flushCache();
  }

  /** Changes not written back belong to no commit: a store handed over or closed without one drops them. */
  @Override
  public void clearCache() {
    cache.clear();
    super.clearCache();
  }

  @Override
  public void close() {
    cache.clear();
    super.close();
  }
}
