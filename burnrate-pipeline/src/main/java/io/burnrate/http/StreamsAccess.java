package io.burnrate.http;

import io.burnrate.engine.EndpointState;
import io.burnrate.meter.SliceStats;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the queries need from one Kafka Streams instance: its state, where an endpoint's state lives,
 * which instances exist, and reads of this instance's own stores. Store reads may throw Kafka
 * Streams' {@code InvalidStateStoreException} while a rebalance moves tasks.
 */
interface StreamsAccess {

  /** Where an endpoint's state lives: on this instance, on another, or nowhere known yet. */
  record Owner(HostInfo host, boolean local) {
    static final Owner UNKNOWN = new Owner(null, false);

    boolean known() {
      return host != null;
    }
  }

  KafkaStreams.State state();

  /** This instance's address as other instances reach it ({@code application.server}). */
  HostInfo self();

  Owner ownerOf(String endpointId);

  /** Every instance that holds active alerts (this one included when it has tasks). */
  List<HostInfo> instances();

  /** The endpoint's state from this instance's stores, or null when it has none. */
  EndpointState endpointState(String endpointId);

  /** The endpoint's latest config record from this instance's stores, or null when it has none. */
  EndpointConfig endpointConfig(String endpointId);

  /** The endpoint's accounting slices starting within [{@code fromMs}, {@code toMs}], oldest first. */
  List<SliceStats> slices(String endpointId, long fromMs, long toMs);

  /** The FIRING, not yet RESOLVED alerts of the endpoints this instance owns. */
  List<CostAlert> localActiveAlerts();
}
