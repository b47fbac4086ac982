package io.burnrate.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The decoded values of the most recently used keys of a store, in front of it: reads of a cached key
 * skip the decoding, writes go through to the store at once (so the changelog, and with it
 * exactly-once, see every change as before). Bounded, least recently used out. The cached object is
 * the one the caller mutates, so a caller that fails half way through a change must {@link #clear}.
 */
final class StateCache<V> {
  private final KeyValueStore<String, V> store;
  private final Map<String, V> recent;

  StateCache(KeyValueStore<String, V> store, int capacity) {
    this.store = store;
    this.recent = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  V get(String key) {
    V value = recent.get(key);
    if (value == null) {
      value = store.get(key);
      if (value != null) {
        recent.put(key, value);
      }
    }
    return value;
  }

  void put(String key, V value) {
    store.put(key, value);
    recent.put(key, value);
  }

  void clear() {
    recent.clear();
  }
}
