package io.burnrate.http;

import io.burnrate.schema.CostAlert;
import io.burnrate.serde.JsonSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The interactive queries. An endpoint's figures are read where its partition lives: here, or
 * forwarded once to the owning instance. Active alerts are gathered from every instance. While Kafka
 * Streams is not RUNNING (starting, rebalancing) the answer is 503.
 */
final class QueryRoutes {
  static final String ACTIVE_ALERTS_PATH = "/alerts/active";

  private final Supplier<StreamsAccess> attached;
  private final EndpointViews views;
  private final Forwarder forwarder;
  private final JsonSerde<Map<String, Object>> json = JsonSerde.forMaps();

  QueryRoutes(Supplier<StreamsAccess> attached, EndpointViews views, Forwarder forwarder) {
    this.attached = attached;
    this.views = views;
    this.forwarder = forwarder;
  }

  /** {@code GET /endpoints/{id}/hourly?from=&to=}. */
  HttpReply hourly(ApiRequest request) {
    Long from = Params.instant(request, "from");
    Long to = Params.instant(request, "to");
    Params.range(from, to, EndpointViews.MAX_SPAN_MS);
    return atOwner(request, (id, access) -> HttpReply.json(200, views.hourly(id, from, to, access)));
  }

  /** {@code GET /endpoints/{id}/today}. */
  HttpReply today(ApiRequest request) {
    return atOwner(request, (id, access) -> HttpReply.json(200, views.today(id, access)));
  }

  /** {@code GET /alerts/active}: this instance's when forwarded, else every instance's, merged. */
  HttpReply activeAlerts(ApiRequest request) {
    StreamsAccess access = running();
    HostInfo self = access.self();
    List<Map<String, Object>> alerts = new ArrayList<>();
    List<HostInfo> instances = access.instances();
    if (request.forwarded() || instances.contains(self)) {
      for (CostAlert alert : access.localActiveAlerts()) {
        alerts.add(AlertJson.of(alert));
      }
    }
    if (!request.forwarded()) {
      if (instances.isEmpty()) {
        throw HttpProblem.unavailable("no instance has been assigned the active-alerts store yet; try again "
            + "shortly", access.state().name());
      }
      for (HostInfo peer : instances) {
        if (!peer.equals(self)) {
          alerts.addAll(alertsOf(peer, self));
        }
      }
    }
    alerts.sort(AlertJson.ORDER);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("count", alerts.size());
    body.put("alerts", alerts);
    return HttpReply.json(200, body).withHeader(ApiRequest.SERVED_BY, Forwarder.address(self));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> alertsOf(HostInfo peer, HostInfo self) {
    HttpReply reply = forwarder.get(peer, ACTIVE_ALERTS_PATH, self, "active alerts");
    if (reply.status() != 200) {
      throw HttpProblem.unavailable("instance " + Forwarder.address(peer) + " answered " + reply.status()
          + " for its active alerts: " + reply.bodyText(), null);
    }
    try {
      Object list = json.deserializer().deserialize(null, reply.body()).get("alerts");
      if (!(list instanceof List<?>)) {
        throw new SerializationException("no 'alerts' list");
      }
      return (List<Map<String, Object>>) list;
    } catch (SerializationException e) {
      throw HttpProblem.unavailable("instance " + Forwarder.address(peer) + " sent active alerts that are not "
          + "the expected JSON (" + e.getMessage() + "); is it running the same Burnrate version?", null);
    }
  }

  private HttpReply atOwner(ApiRequest request, BiFunction<String, StreamsAccess, HttpReply> local) {
    String id = Params.endpointId(request, "id");
    StreamsAccess access = running();
    StreamsAccess.Owner owner = access.ownerOf(id);
    if (!owner.known()) {
      throw HttpProblem.unavailable("no instance holds endpoint '" + id + "' right now (tasks are being "
          + "assigned); try again shortly", access.state().name());
    }
    if (owner.local()) {
      return local.apply(id, access).withHeader(ApiRequest.SERVED_BY, Forwarder.address(access.self()));
    }
    if (request.forwarded()) {
      throw HttpProblem.unavailable("instance " + request.forwardedBy() + " sent the request for endpoint '" + id
          + "' here, but it lives on " + Forwarder.address(owner.host()) + ": tasks are moving; try again shortly",
          access.state().name());
    }
    return forwarder.get(owner.host(), request.rawTarget(), access.self(), "endpoint '" + id + "'");
  }

  private StreamsAccess running() {
    StreamsAccess access = attached.get();
    if (access == null) {
      throw HttpProblem.unavailable("Kafka Streams has not started yet; try again shortly", "STARTING");
    }
    KafkaStreams.State state = access.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw HttpProblem.unavailable("Kafka Streams is " + state + ", not RUNNING: state stores cannot be queried "
          + "now; try again shortly", state.name());
    }
    return access;
  }
}
