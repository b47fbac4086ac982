package io.burnrate.engine;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * An endpoint's minute buckets, in ascending order of their start: a sorted array, as there are at
 * most a few dozen and nearly every lookup or insert is at the newest end. Keys are unboxed longs.
 */
public final class MinuteBuckets implements Iterable<MinuteBucket> {
  /** Room for the kept minutes and a few new ones before the old ones are dropped. */
  private static final int FIRST_CAPACITY = 72;

  private MinuteBucket[] buckets = new MinuteBucket[0];
  private int size;

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The bucket at {@code index} in ascending order of start, {@code 0 <= index < size()}. */
  public MinuteBucket at(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("minute bucket " + index + " of " + size);
    }
    return buckets[index];
  }

  /** The bucket starting at {@code minuteStart}, or null. */
  public MinuteBucket get(long minuteStart) {
    int index = indexOf(minuteStart);
    return index >= 0 ? buckets[index] : null;
  }

  /** The bucket starting at {@code minuteStart}, created empty when there is none. */
  public MinuteBucket getOrCreate(long minuteStart) {
    if (size > 0 && buckets[size - 1].minuteStart == minuteStart) {
      return buckets[size - 1];
    }
    int index = indexOf(minuteStart);
    if (index >= 0) {
      return buckets[index];
    }
    MinuteBucket created = new MinuteBucket(minuteStart);
    insert(-index - 1, created);
    return created;
  }

  /** Adds {@code bucket}, replacing the one with the same start. */
  public void put(long minuteStart, MinuteBucket bucket) {
    if (bucket.minuteStart != minuteStart) {
      throw new IllegalArgumentException(
          "minute bucket of " + bucket.minuteStart + " put under the key " + minuteStart);
    }
    int index = indexOf(minuteStart);
    if (index >= 0) {
      buckets[index] = bucket;
    } else {
      insert(-index - 1, bucket);
    }
  }

  /** Removes every bucket that starts before {@code minuteStart}. */
  public void removeBefore(long minuteStart) {
    int keep = firstIndexAtOrAfter(minuteStart);
    if (keep == 0) {
      return;
    }
    System.arraycopy(buckets, keep, buckets, 0, size - keep);
    Arrays.fill(buckets, size - keep, size, null);
    size -= keep;
  }

  /** Index of the first bucket starting at or after {@code minuteStart}; {@link #size()} when none. */
  public int firstIndexAtOrAfter(long minuteStart) {
    int index = indexOf(minuteStart);
    return index >= 0 ? index : -index - 1;
  }

  /** The buckets in ascending order of start, a read-only view. */
  public List<MinuteBucket> values() {
    return new AbstractList<>() {
      @Override
      public MinuteBucket get(int index) {
        return at(index);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public Iterator<MinuteBucket> iterator() {
    return values().iterator();
  }

  /** Binary search: the index of {@code minuteStart}, or {@code -(insertion point) - 1}. */
  private int indexOf(long minuteStart) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long start = buckets[mid].minuteStart;
      if (start < minuteStart) {
        low = mid + 1;
      } else if (start > minuteStart) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private void insert(int index, MinuteBucket bucket) {
    if (size == buckets.length) {
      buckets = Arrays.copyOf(buckets, Math.max(FIRST_CAPACITY, size * 2));
    }
    System.arraycopy(buckets, index, buckets, index + 1, size - index);
    buckets[index] = bucket;
    size++;
  }
}
