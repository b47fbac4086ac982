package io.burnrate.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.InferenceRequest;
import io.burnrate.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * No state of the pipeline lives in an unbounded heap structure: every store is persistent (RocksDB,
 * under the shared memory bound), and the de-duplication ids are a window store that drops old segments.
 */
class PersistentStoresTest {

  @Test
  void everyStoreOfThePipelineIsPersistent() {
    try (GarbageHarness harness = new GarbageHarness()) {
      Map<String, StateStore> stores = harness.driver.getAllStateStores();
      assertThat(stores).containsKeys(StoreNames.ENDPOINT_STATE, StoreNames.ENDPOINT_SLICES, StoreNames.ENDPOINT_CONFIG,
          StoreNames.LINE_ITEMS, StoreNames.METRICS_PENDING, StoreNames.SEEN_EVENT_IDS, StoreNames.ENDPOINT_BASELINES,
          StoreNames.TASK_CLOCK, StoreNames.ACTIVE_ALERTS, StoreNames.REGIONAL_HOURS, StoreNames.REGIONAL_EPISODES);
      assertThat(stores.values()).allSatisfy(store ->
          assertThat(store.persistent()).as("store %s persistent", store.name()).isTrue());
    }
  }

  @Test
  void deDuplicationIdsAreForgottenOnceStreamTimeIsPastTheirRetention() {
    // Without the record cache, which may still hold an expired id (bounded by its own size).
    try (GarbageHarness harness = new GarbageHarness(Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0"))) {
      ValidRecords valid = new ValidRecords();
      WireBytes wire = new WireBytes(harness.registry);
      String topic = GarbageHarness.TOPICS.requests();
      InferenceRequest early = valid.request("e1", GarbageHarness.AT.minus(Duration.ofHours(3)));
      InferenceRequest now = valid.request("e1", GarbageHarness.AT);
      WindowStore<String, byte[]> seen = harness.driver.getWindowStore(StoreNames.SEEN_EVENT_IDS);

      harness.pipe(topic, "e1".getBytes(StandardCharsets.UTF_8), wire.encode(topic, early));
      assertThat(seen.fetch("request:" + early.getRequestId(), early.getTimestamp().toEpochMilli())).isNotNull();
      harness.pipe(topic, "e1".getBytes(StandardCharsets.UTF_8), wire.encode(topic, now));

      assertThat(seen.fetch("request:" + now.getRequestId(), now.getTimestamp().toEpochMilli())).isNotNull();
      assertThat(seen.fetch("request:" + early.getRequestId(), early.getTimestamp().toEpochMilli()))
          .as("an id three hours behind stream time (retention: the event grace plus an hour)").isNull();
    }
  }
}
