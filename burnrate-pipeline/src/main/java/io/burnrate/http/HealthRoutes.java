package io.burnrate.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Probes. Live: 200 unless Kafka Streams has failed (ERROR, or on its way there, or stopped after
 * that), so a supervisor restarts the process. Ready: 200 only while Kafka Streams is RUNNING, so a
 * load balancer sends queries elsewhere while this instance starts or rebalances. Before Kafka
 * Streams exists the state reads {@value #STARTING}.
 */
final class HealthRoutes {
  static final String STARTING = "STARTING";

  private final Supplier<StreamsAccess> attached;
  private volatile boolean failed;

  HealthRoutes(Supplier<StreamsAccess> attached) {
    this.attached = attached;
  }

  /** Kafka Streams' state listener feeds this, so a failure is remembered past a later NOT_RUNNING. */
  void onState(KafkaStreams.State state) {
    if (isFailure(state)) {
      failed = true;
    }
  }

  HttpReply live(ApiRequest request) {
    String state = stateName();
    boolean up = !failed;
    return reply(up, state);
  }

  HttpReply ready(ApiRequest request) {
    String state = stateName();
    return reply(KafkaStreams.State.RUNNING.name().equals(state), state);
  }

  private String stateName() {
    StreamsAccess access = attached.get();
    if (access == null) {
      return STARTING;
    }
    KafkaStreams.State state = access.state();
    onState(state);
    return state.name();
  }

  private static boolean isFailure(KafkaStreams.State state) {
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
  }

  private static HttpReply reply(boolean up, String state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("state", state);
    return HttpReply.json(up ? 200 : 503, body);
  }
}
