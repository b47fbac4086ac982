package io.burnrate.topology;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Decoded values in front of a store, written back to it only when {@link #writeBack} is called
 * (before each commit) or when the cache outgrows its byte budget: a value changed by every record
 * of a commit interval is encoded and logged once per interval instead of once per record. The
 * cached object is the one callers mutate.
 *
 * <p>Least recently used values leave first once the estimated bytes exceed the budget; a changed one
 * is written back as it leaves. A change cut short by an exception is taken back with {@link
 * #discardTouched}: every key read or written since {@link #beginChange} is dropped, changed or not,
 * so the next read comes from the store.
 */
final class WriteBehindCache<K, V> {
  /** Where values come from and go to. */
  interface Backing<K, V> {
    V read(K key);

    void write(K key, V value);
  }

  private static final class Entry<V> {
    final V value;
    final long bytes;
    boolean dirty;

    Entry(V value, long bytes, boolean dirty) {
      this.value = value;
      this.bytes = bytes;
      this.dirty = dirty;
    }
  }

  private final Backing<K, V> backing;
  private final ToLongFunction<V> weigher;
  private final long maxBytes;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(1024, 0.75f, true);
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> touched = new HashSet<>();
  private long bytes;

  WriteBehindCache(Backing<K, V> backing, ToLongFunction<V> weigher, long maxBytes) {
    this.backing = backing;
    this.weigher = weigher;
    this.maxBytes = maxBytes;
  }

  /** The current value, from the cache or else the store; null when neither has one. */
  V get(K key) {
    touched.add(key);
    Entry<V> entry = entries.get(key);
    if (entry != null) {
      return entry.value;
    }
    V value = backing.read(key);
    if (value != null) {
      add(key, new Entry<>(value, weigher.applyAsLong(value), false));
    }
    return value;
  }

  /** Records a new or changed value; the store gets it at the next write-back. */
  void put(K key, V value) {
    touched.add(key);
    dirty.add(key);
    add(key, new Entry<>(value, weigher.applyAsLong(value), true));
  }

  /** Writes every changed value to the store; they stay cached. */
  void writeBack() {
    for (K key : dirty) {
      Entry<V> entry = entries.get(key);
      backing.write(key, entry.value);
      entry.dirty = false;
    }
    dirty.clear();
  }

  /** Starts tracking the keys one change reads and writes. */
  void beginChange() {
    touched.clear();
  }

  /**
   * Takes back what the change since {@link #beginChange} did: its keys are dropped, including their
   * changes not yet written back (the store's value is the last consistent one to go on from).
   */
  void discardTouched() {
    for (K key : touched) {
      Entry<V> entry = entries.remove(key);
      if (entry != null) {
        bytes -= entry.bytes;
      }
      dirty.remove(key);
    }
    touched.clear();
  }

  /** Forgets everything, written back or not: for a store closed without a commit. */
  void clear() {
    entries.clear();
    dirty.clear();
    touched.clear();
    bytes = 0;
  }

  int size() {
    return entries.size();
  }

  long bytes() {
    return bytes;
  }

  int dirtyCount() {
    return dirty.size();
  }

  private void add(K key, Entry<V> entry) {
    Entry<V> previous = entries.put(key, entry);
    if (previous != null) {
      bytes -= previous.bytes;
    }
    bytes += entry.bytes;
    evictOverBudget();
  }

  private void evictOverBudget() {
    Iterator<Map.Entry<K, Entry<V>>> eldest = entries.entrySet().iterator();
    // Keys of the change under way stay whatever their size: their objects are being changed.
    while (bytes > maxBytes && eldest.hasNext()) {
      Map.Entry<K, Entry<V>> leaving = eldest.next();
      if (touched.contains(leaving.getKey())) {
        continue;
      }
      if (leaving.getValue().dirty) {
        backing.write(leaving.getKey(), leaving.getValue().value);
        dirty.remove(leaving.getKey());
      }
      bytes -= leaving.getValue().bytes;
      eldest.remove();
    }
  }
}
