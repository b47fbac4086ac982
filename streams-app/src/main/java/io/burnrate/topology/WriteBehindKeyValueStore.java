package io.burnrate.topology;

import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store whose owning processor works on decoded values through a {@link
 * WriteBehindCache}, written back when Kafka Streams flushes its caches before a commit, so that the
 * changelog and exactly-once see every change by the commit as before. Interactive queries (the
 * read-only interface, from other threads) read the store itself: what was committed or written back.
 *
 * <p>Extends Kafka Streams' {@code WrappedStateStore}, whose {@code flushCache} is the one call every
 * store gets before a commit; {@code WriteBehindStoresTest} checks that this still holds.
 */
final class WriteBehindKeyValueStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
    implements ReadOnlyKeyValueStore<String, V> {
  private final WriteBehindCache<String, V> cache;

  WriteBehindKeyValueStore(KeyValueStore<String, V> store, ToLongFunction<V> weigher, long maxBytes) {
    super(store);
    this.cache = new WriteBehindCache<>(new WriteBehindCache.Backing<>() {
      @Override
      public V read(String key) {
        return store.get(key);
      }

      @Override
      public void write(String key, V value) {
        store.put(key, value);
      }
    }, weigher, maxBytes);
  }

  /** The owning processor's view: cached, with changes not written back yet. */
  WriteBehindCache<String, V> cache() {
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

  @Override
  public V get(String key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return wrapped().all();
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }
}
