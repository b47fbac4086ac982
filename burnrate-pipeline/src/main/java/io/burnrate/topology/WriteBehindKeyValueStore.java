package io.burnrate.topology;

import java.util.function.ToLongFunction;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A key-value {@link WriteBehindStore}: decoded values by key. */
final class WriteBehindKeyValueStore<V> extends WriteBehindStore<KeyValueStore<String, V>, String, V>
    implements ReadOnlyKeyValueStore<String, V> {

  WriteBehindKeyValueStore(KeyValueStore<String, V> store, ToLongFunction<V> weigher, long maxBytes) {
    super(store, new WriteBehindCache.Backing<>() {
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
