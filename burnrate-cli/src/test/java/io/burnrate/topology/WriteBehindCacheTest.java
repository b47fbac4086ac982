package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteBehindCacheTest {
  /** A store that counts its reads and remembers its writes in order. */
  private static final class CountingStore implements WriteBehindCache.Backing<String, StringBuilder> {
    final Map<String, String> stored = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    int reads;

    @Override
    public StringBuilder read(String key) {
      reads++;
      String value = stored.get(key);
      return value == null ? null : new StringBuilder(value);
    }

    @Override
    public void write(String key, StringBuilder value) {
      stored.put(key, value.toString());
      writes.add(key + "=" + value);
    }
  }

  private final CountingStore store = new CountingStore();

  private WriteBehindCache<String, StringBuilder> cache(long maxBytes) {
    return new WriteBehindCache<>(store, value -> value.length(), maxBytes);
  }

  @Test
  void aValueChangedByManyRecordsIsWrittenOnceAtTheWriteBack() {
    WriteBehindCache<String, StringBuilder> cache = cache(1_000);
    for (int record = 0; record < 50; record++) {
      cache.beginChange();
      StringBuilder value = cache.get("ep-1");
      cache.put("ep-1", value == null ? new StringBuilder("x") : value.append('x'));
    }
    assertThat(store.writes).isEmpty();
    assertThat(store.reads).isEqualTo(1);
    assertThat(cache.bytes()).as("weighed again at each put of the object changed in place").isEqualTo(50);

    cache.writeBack();
    assertThat(store.writes).containsExactly("ep-1=" + "x".repeat(50));
    cache.writeBack();
    assertThat(store.writes).hasSize(1);
    assertThat(cache.get("ep-1")).hasToString("x".repeat(50));
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void overTheBudgetTheLeastRecentlyUsedLeaveAndAChangedOneIsWrittenAsItLeaves() {
    WriteBehindCache<String, StringBuilder> cache = cache(10);
    store.stored.put("clean", "cccc");
    cache.beginChange();
    cache.get("clean");
    cache.beginChange();
    cache.put("changed", new StringBuilder("dddd"));
    cache.beginChange();
    cache.put("newest", new StringBuilder("nnnn"));

    assertThat(cache.bytes()).isLessThanOrEqualTo(10);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(store.writes).isEmpty();

    cache.beginChange();
    cache.put("last", new StringBuilder("llll"));
    assertThat(store.writes).containsExactly("changed=dddd");
    assertThat(cache.dirtyCount()).isEqualTo(2);
    assertThat(cache.bytes()).isLessThanOrEqualTo(10);
  }

  @Test
  void aValueWrittenAsItLeftAndChangedAgainIsWrittenOnceMoreAtTheWriteBack() {
    WriteBehindCache<String, StringBuilder> cache = cache(4);
    cache.beginChange();
    cache.put("a", new StringBuilder("a1"));
    cache.beginChange();
    cache.put("b", new StringBuilder("bbbb"));
    cache.beginChange();
    cache.put("a", new StringBuilder("a2"));
    assertThat(store.writes).containsExactly("a=a1", "b=bbbb");

    cache.writeBack();
    cache.writeBack();
    assertThat(store.writes).containsExactly("a=a1", "b=bbbb", "a=a2");
    assertThat(cache.dirtyCount()).isZero();
  }

  @Test
  void theKeysOfTheChangeUnderWayNeverLeaveEvenOverBudget() {
    WriteBehindCache<String, StringBuilder> cache = cache(4);
    cache.beginChange();
    cache.put("a", new StringBuilder("aaaa"));
    cache.put("b", new StringBuilder("bbbb"));
    cache.put("c", new StringBuilder("cccc"));
    assertThat(cache.size()).isEqualTo(3);
    assertThat(store.writes).isEmpty();

    cache.beginChange();
    cache.put("d", new StringBuilder("dddd"));
    assertThat(cache.size()).isEqualTo(1);
    assertThat(store.writes).containsExactly("a=aaaa", "b=bbbb", "c=cccc");
  }

  @Test
  void aChangeCutShortIsTakenBackToTheStoresValueAndOtherKeysKeepTheirChanges() {
    store.stored.put("ep-1", "committed");
    WriteBehindCache<String, StringBuilder> cache = cache(1_000);
    cache.beginChange();
    cache.put("ep-2", new StringBuilder("other"));
    cache.beginChange();
    cache.get("ep-1").append("-half-done");

    cache.discardTouched();

    assertThat(cache.get("ep-1")).hasToString("committed");
    cache.writeBack();
    assertThat(store.writes).containsExactly("ep-2=other");
  }

  @Test
  void clearForgetsChangesThatWereNeverWrittenBack() {
    WriteBehindCache<String, StringBuilder> cache = cache(1_000);
    cache.beginChange();
    cache.put("ep-1", new StringBuilder("uncommitted"));
    cache.clear();
    cache.writeBack();
    assertThat(store.writes).isEmpty();
    assertThat(cache.get("ep-1")).isNull();
    assertThat(cache.bytes()).isZero();
  }
}
