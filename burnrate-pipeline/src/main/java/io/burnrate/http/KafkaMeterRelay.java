package io.burnrate.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry for Micrometer's Kafka binder to bind to, whose meters are passed on to the target
 * registry with a state store's id under the same two tags whatever the kind of store.
 *
 * <p>Kafka Streams gives a store's metrics the same names for every kind of store but puts the
 * store's metrics scope in the tag key: {@code rocksdb-state-id} for a RocksDB key-value store,
 * {@code rocksdb-window-state-id} for a window store, {@code in-memory-state-id} and so on. Prometheus
 * takes a name's label keys from its first meter and refuses a later meter of that name with other
 * keys (logging a warning once), so only the first kind of store would show on {@code /metrics}.
 * Passed on, such a tag {@code <scope>.state.id=<store>} becomes {@code store.scope=<scope>} and
 * {@code state.id=<store>}: {@code kafka_stream_state_*{store_scope="rocksdb-window",state_id="..."}}.
 *
 * <p>Why not a MeterFilter on the target: the binder compares the registry's meters with its Kafka
 * tags (it drops a meter when one of the same name turns up with more tags) and removes those whose
 * Kafka metric went away by their unfiltered id, which a renaming filter would make miss; a filter
 * must also be on a registry before its first meter. Here the binder only ever sees its own ids.
 */
final class KafkaMeterRelay implements AutoCloseable {
  private static final String STORE_METER_PREFIX = "kafka.stream.state.";
  private static final String STORE_ID_SUFFIX = ".state.id";

  private final MeterRegistry target;
  private final SimpleMeterRegistry source = new SimpleMeterRegistry();
  private final Map<Meter.Id, Meter> passedOn = new ConcurrentHashMap<>();

  KafkaMeterRelay(MeterRegistry target) {
    this.target = target;
    source.config().onMeterAdded(this::passOn).onMeterRemoved(this::withdraw);
  }

  /** The registry to bind Kafka's metrics to. */
  MeterRegistry source() {
    return source;
  }

  private void passOn(Meter meter) {
    Meter.Id id = relabel(meter.getId());
    Meter copy;
    if (meter instanceof Gauge gauge) {
      copy = Gauge.builder(id.getName(), gauge, Gauge::value)
          .tags(id.getTagsAsIterable()).description(id.getDescription()).baseUnit(id.getBaseUnit())
          .strongReference(true).register(target);
    } else if (meter instanceof FunctionCounter counter) {
      copy = FunctionCounter.builder(id.getName(), counter, FunctionCounter::count)
          .tags(id.getTagsAsIterable()).description(id.getDescription()).baseUnit(id.getBaseUnit())
          .register(target);
    } else {
      // The binder registers gauges and function counters, besides a placeholder it removes at once.
      return;
    }
    passedOn.put(meter.getId(), copy);
  }

  private void withdraw(Meter meter) {
    Meter copy = passedOn.remove(meter.getId());
    if (copy != null) {
      target.remove(copy);
    }
  }

  /** A store meter's {@code <scope>.state.id} tag as {@code store.scope} and {@code state.id}; others as they are. */
  static Meter.Id relabel(Meter.Id id) {
    if (!id.getName().startsWith(STORE_METER_PREFIX)) {
      return id;
    }
    List<Tag> tags = new ArrayList<>();
    boolean changed = false;
    for (Tag tag : id.getTagsAsIterable()) {
      String key = tag.getKey();
      if (key.endsWith(STORE_ID_SUFFIX) && key.length() > STORE_ID_SUFFIX.length()) {
        // The binder turned Kafka's dashes into dots; the scope is given back as Kafka spells it.
        String scope = key.substring(0, key.length() - STORE_ID_SUFFIX.length()).replace('.', '-');
        tags.add(Tag.of("store.scope", scope));
        tags.add(Tag.of("state.id", tag.getValue()));
        changed = true;
      } else {
        tags.add(tag);
      }
    }
    return changed ? id.replaceTags(tags) : id;
  }

  /** Withdraws whatever is still passed on; the binder should be closed first. */
  @Override
  public void close() {
    passedOn.values().forEach(target::remove);
    passedOn.clear();
    source.close();
  }
}
