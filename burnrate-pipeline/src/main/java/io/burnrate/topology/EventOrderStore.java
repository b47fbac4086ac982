package io.burnrate.topology;

import io.burnrate.kafkainternals.CommitAwareStore;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's {@link EventOrder}, shared by its ingest steps (which judge lateness against its position)
 * and the endpoint processor (which offers and releases records), and kept in a store with a
 * changelog: before each commit the position, each input's progress and the records still held are
 * written, and the records released since are deleted, so that a task revived after an abort or a
 * crash goes on from exactly the committed order. Records held for less than a commit interval never
 * touch the store.
 */
final class EventOrderStore extends CommitAwareStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]> {
  private static final Bytes PROGRESS_KEY = Bytes.wrap(new byte[] {0});
  private static final byte HELD = 1;

  private final long idleMs;
  private final List<Serde<? extends SpecificRecord>> serdes = List.of(
      StoredAvro.serde(ReplicaEvent.class), StoredAvro.serde(InferenceRequest.class),
      StoredAvro.serde(BillingEvent.class));
  private EventOrder order;
  private Set<Bytes> persisted = new HashSet<>();
  private long[] written;

  EventOrderStore(KeyValueStore<Bytes, byte[]> store, long idleMs) {
    super(store);
    this.idleMs = idleMs;
  }

  /** The order, loaded from the store on first use after the store was opened (restored by then). */
  EventOrder order(long now) {
    if (order == null) {
      order = load(now);
    }
    return order;
  }

  @Override
  protected void beforeCommit() {
    if (order != null) {
      writeBack();
    }
  }

  /** What was not written back belongs to no commit: a store closed or handed over without one drops it. */
  @Override
  protected void dropUncommitted() {
    forget();
  }

  private void forget() {
    order = null;
    persisted = new HashSet<>();
    written = null;
  }

  private EventOrder load(long now) {
    EventOrder loaded = new EventOrder(idleMs, now);
    long[] progress = {EventOrder.NONE, EventOrder.NONE, EventOrder.NONE};
    List<EventOrder.Held> held = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = wrapped().all()) {
      while (all.hasNext()) {
        var entry = all.next();
        if (entry.key.equals(PROGRESS_KEY)) {
          ByteBuffer values = ByteBuffer.wrap(entry.value);
          for (int i = 0; i < progress.length; i++) {
            progress[i] = values.getLong();
          }
        } else {
          held.add(decode(entry.key.get(), entry.value));
          persisted.add(entry.key);
        }
      }
    }
    loaded.restore(progress[0], progress[1], progress[2], held);
    written = progress;
    return loaded;
  }

  private void writeBack() {
    for (EventOrder.Held record : order.releasedSinceMark()) {
      Bytes key = key(record);
      if (persisted.remove(key)) {
        wrapped().delete(key);
      }
    }
    for (EventOrder.Held record : order.queuedSinceMark()) {
      if (order.isWaiting(record)) {
        Bytes key = key(record);
        if (persisted.add(key)) {
          wrapped().put(key, encode(record));
        }
      }
    }
    order.mark();
    long[] progress = {order.position(), order.progress(EventOrder.Input.REPLICAS),
        order.progress(EventOrder.Input.REQUESTS)};
    if (written == null || !java.util.Arrays.equals(written, progress)) {
      ByteBuffer values = ByteBuffer.allocate(8 * progress.length);
      for (long value : progress) {
        values.putLong(value);
      }
      wrapped().put(PROGRESS_KEY, values.array());
      written = progress;
    }
  }

  private static Bytes key(EventOrder.Held record) {
    return Bytes.wrap(ByteBuffer.allocate(18).put(HELD).putLong(record.time()).put((byte) record.input().ordinal())
        .putLong(record.offset()).array());
  }

  @SuppressWarnings("unchecked")
  private byte[] encode(EventOrder.Held record) {
    Serde<SpecificRecord> serde = (Serde<SpecificRecord>) serdes.get(record.input().ordinal());
    return serde.serializer().serialize(null, (SpecificRecord) record.value());
  }

  private EventOrder.Held decode(byte[] key, byte[] value) {
    ByteBuffer fields = ByteBuffer.wrap(key, 1, key.length - 1);
    long time = fields.getLong();
    EventOrder.Input input = EventOrder.Input.values()[fields.get()];
    long offset = fields.getLong();
    SpecificRecord record = serdes.get(input.ordinal()).deserializer().deserialize(null, value);
    return new EventOrder.Held(time, input, offset, endpointId(record), record);
  }

  private static String endpointId(SpecificRecord record) {
    if (record instanceof InferenceRequest request) {
      return request.getEndpointId();
    }
    if (record instanceof ReplicaEvent event) {
      return event.getEndpointId();
    }
    return ((BillingEvent) record).getEndpointId();
  }
}
