package io.burnrate.topology;

import java.time.Instant;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** A window {@link WriteBehindStore}: decoded values by key and window start. */
final class WriteBehindWindowStore<V> extends WriteBehindStore<WindowStore<String, V>, WriteBehindWindowStore.Key, V>
    implements ReadOnlyWindowStore<String, V> {
  /** A value's place in the store. */
  record Key(String key, long windowStart) {}

  WriteBehindWindowStore(WindowStore<String, V> store, ToLongFunction<V> weigher, long maxBytes) {
    super(store, new WriteBehindCache.Backing<>() {
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
