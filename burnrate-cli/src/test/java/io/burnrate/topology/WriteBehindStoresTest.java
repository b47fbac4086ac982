package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.testing.Records;
import static io.burnrate.testing.Records.at;
import static io.burnrate.testing.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.core.Time;
import io.burnrate.engine.EndpointState;
import io.burnrate.meter.SliceStats;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.Test;

/**
 * The endpoint state and slices reach their stores (and so their changelogs) at each commit: Kafka
 * Streams calls the write-behind stores' flushCache before committing. The driver commits after each
 * piped record; the read-only view is the store underneath, what interactive queries read.
 */
class WriteBehindStoresTest {

  @SuppressWarnings("unchecked")
  @Test
  void eachCommitWritesTheChangedStateAndSliceToTheStoresUnderneath() {
    try (PipelineDriver d = new PipelineDriver()) {
      var states = (ReadOnlyKeyValueStore<String, EndpointState>) d.driver.getAllStateStores()
          .get(StoreNames.ENDPOINT_STATE);
      var slices = (ReadOnlyWindowStore<String, SliceStats>) d.driver.getAllStateStores()
          .get(StoreNames.ENDPOINT_SLICES);
      assertThat(states).isInstanceOf(WriteBehindKeyValueStore.class);
      assertThat(slices).isInstanceOf(WriteBehindWindowStore.class);

      d.request(request("ep-1", at("10:00")).build());
      d.request(request("ep-1", at("10:01")).build());

      assertThat(states.get("ep-1")).isNotNull()
          .satisfies(state -> assertThat(state.clock).isEqualTo(at("10:01").toEpochMilli()));
      assertThat(slices.fetch("ep-1", Time.hourStart(at("10:00").toEpochMilli())))
          .isNotNull()
          .satisfies(slice -> assertThat(slice.requests).isEqualTo(2));
    }
  }
}
