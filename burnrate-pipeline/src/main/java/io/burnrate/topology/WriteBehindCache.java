package io.burnrate.topology;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    long bytes;
    boolean dirty;
    /** The change that last read or wrote it. */
    long touchedIn;

    Entry(V value, long bytes, boolean dirty, long touchedIn) {
      this.value = value;
      this.bytes = bytes;
      this.dirty = dirty;
      this.touchedIn = touchedIn;
    }
  }

  private final Backing<K, V> backing;
  private final ToLongFunction<V> weigher;
  private final long maxBytes;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(1024, 0.75f, true);
  /** Keys that became dirty since the last write-back (a list: cheaper than a set on this path). */
  private final List<K> dirtied = new ArrayList<>();
  /** Keys cached by the change under way, each once. */
  private final List<K> touched = new ArrayList<>();
  private long change;
  private long bytes;

  WriteBehindCache(Backing<K, V> backing, ToLongFunction<V> weigher, long maxBytes) {
    this.backing = backing;
    this.weigher = weigher;
    this.maxBytes = maxBytes;
  }

  /** The current value, from the cache or else the store; null when neither has one. */
  V get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry != null) {
      touch(key, entry);
      return entry.value;
    }
    V value = backing.read(key);
    if (value != null) {
      touched.add(key);
      add(key, new Entry<>(value, weigher.applyAsLong(value), false, change));
    }
    return value;
  }

  /** Records a new or changed value; the store gets it at the next write-back. */
  void put(K key, V value) {
    Entry<V> previous = entries.get(key);
    if (previous == null || previous.touchedIn != change) {
      touched.add(key);
    }
    if (previous == null || !previous.dirty) {
      dirtied.add(key);
    }
    long weight = weigher.applyAsLong(value);
    if (previous != null && previous.value == value) {
      // The usual case: the cached object was changed in place and is put back.
      bytes += weight - previous.bytes;
      previous.bytes = weight;
      previous.dirty = true;
      previous.touchedIn = change;
      evictOverBudget();
    } else {
      add(key, new Entry<>(value, weight, true, change));
    }
  }

  /** Writes every changed value to the store; they stay cached. */
  void writeBack() {
    for (K key : dirtied) {
      Entry<V> entry = entries.get(key);
      if (entry != null && entry.dirty) {
        backing.write(key, entry.value);
        entry.dirty = false;
      }
    }
    dirtied.clear();
  }

  /** Starts tracking the keys one change reads and writes. */
  void beginChange() {
    change++;
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
    }
    touched.clear();
  }

  /** Forgets everything, written back or not: for a store closed without a commit. */
  void clear() {
    entries.clear();
    dirtied.clear();
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
    return (int) entries.values().stream().filter(entry -> entry.dirty).count();
  }

  private void touch(K key, Entry<V> entry) {
    if (entry.touchedIn != change) {
      entry.touchedIn = change;
      touched.add(key);
    }
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
      if (leaving.getValue().touchedIn == change) {
        continue;
      }
      if (leaving.getValue().dirty) {
        backing.write(leaving.getKey(), leaving.getValue().value);
      }
      bytes -= leaving.getValue().bytes;
      eldest.remove();
    }
  }
}
