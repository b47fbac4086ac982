package io.burnrate.topology;

import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Builds a store as the given builder does (persistence, changelog, serdes) and puts a write-behind
 * cache of decoded values in front of it. Kafka Streams' own record cache stays off underneath: the
 * write-behind cache already turns a commit interval's changes of a key into one write.
 */
final class WriteBehindStoreBuilder<S extends StateStore, T extends StateStore> implements StoreBuilder<T> {
  private final StoreBuilder<S> inner;
  private final Function<S, T> wrap;

  private WriteBehindStoreBuilder(StoreBuilder<S> inner, Function<S, T> wrap) {
    this.inner = inner.withCachingDisabled();
    this.wrap = wrap;
  }

  static <V> WriteBehindStoreBuilder<KeyValueStore<String, V>, WriteBehindKeyValueStore<V>> keyValue(
      StoreBuilder<KeyValueStore<String, V>> inner, ToLongFunction<V> weigher, long maxBytes) {
    return new WriteBehindStoreBuilder<>(inner, store -> new WriteBehindKeyValueStore<>(store, weigher, maxBytes));
  }

  static <V> WriteBehindStoreBuilder<WindowStore<String, V>, WriteBehindWindowStore<V>> window(
      StoreBuilder<WindowStore<String, V>> inner, ToLongFunction<V> weigher, long maxBytes) {
    return new WriteBehindStoreBuilder<>(inner, store -> new WriteBehindWindowStore<>(store, weigher, maxBytes));
  }

  /** The task's event-time order, written back before each commit. */
  static WriteBehindStoreBuilder<KeyValueStore<Bytes, byte[]>, EventOrderStore> eventOrder(
      StoreBuilder<KeyValueStore<Bytes, byte[]>> inner, long idleMs) {
    return new WriteBehindStoreBuilder<>(inner, store -> new EventOrderStore(store, idleMs));
  }

  @Override
  public T build() {
    return wrap.apply(inner.build());
  }

  /** Always off underneath (see the class comment); the write-behind cache is the cache. */
  @Override
  public StoreBuilder<T> withCachingEnabled() {
    return this;
  }

  @Override
  public StoreBuilder<T> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<T> withLoggingDisabled() {
    inner.withLoggingDisabled();
    return this;
  }

  @Override
  public Map<String, String> logConfig() {
    return inner.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return inner.loggingEnabled();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
