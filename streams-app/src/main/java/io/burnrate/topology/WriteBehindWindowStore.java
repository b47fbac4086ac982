package io.burnrate.topology;

import java.time.Instant;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The window-store twin of {@link WriteBehindKeyValueStore}: the owning processor reads and changes
 * decoded values by key and window start, written back before each commit; interactive queries read
 * the store itself.
 */
final class WriteBehindWindowStore<V> extends WrappedStateStore<WindowStore<String, V>, String, V>
    implements ReadOnlyWindowStore<String, V> {
  /** A value's place in the store. */
  record Key(String key, long windowStart) {}

  private final WriteBehindCache<Key, V> cache;

  WriteBehindWindowStore(WindowStore<String, V> store, ToLongFunction<V> weigher, long maxBytes) {
    super(store);
    this.cache = new WriteBehindCache<>(new WriteBehindCache.Backing<>() {
      @Override
      public V read(Key key) {
        return store.fetch(key.key(), key.windowStart());
      }

      @Override
      public void write(Key key, V value) {
        store.put(key.key(), value, key.windowStart());
      }
    }, weigher, maxBytes);
  }

  /** The owning processor's view: cached, with changes not written back yet. */
  WriteBehindCache<Key, V> cache() {
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
  public V fetch(String key, long time) {
    return wrapped().fetch(key, time);
  }

  @Override
  public WindowStoreIterator<V> fetch(String key, Instant timeFrom, Instant timeTo) {
    return wrapped().fetch(key, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, V> fetch(String keyFrom, String keyTo, Instant timeFrom, Instant timeTo) {
    return wrapped().fetch(keyFrom, keyTo, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, V> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<Windowed<String>, V> fetchAll(Instant timeFrom, Instant timeTo) {
    return wrapped().fetchAll(timeFrom, timeTo);
  }
}
