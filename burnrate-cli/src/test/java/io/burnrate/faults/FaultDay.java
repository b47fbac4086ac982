package io.burnrate.faults;

import io.burnrate.testing.Records;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ReplicaEventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;

/**
 * The input of every fault test: one day, three days back, of replica events for four non-critical
 * endpoints, two on each of two partitions, plus their settings. Each endpoint keeps one warm replica;
 * a short-lived replica every 15 minutes (autoscaling thrash by midday); bursts of cold starts in five
 * hours (cold-start frequency, hourly spend rate, and the budget tiers with their commands); and twice
 * a burst of three extra replicas (runaway scaling and its scale-down). Hours with a replica all hour
 * and no request are underused. About 2,000 events, the same ones on every call.
 *
 * <p>{@link #requests()} adds a request every 20 seconds per endpoint, none at the instant of a
 * replica event, for the tests whose producers send both inputs at once.
 */
final class FaultDay {
  static final Instant DAY = LocalDate.now(ZoneOffset.UTC).minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
  /** Short-lived replicas continue past midnight, so that the day's last hour closes. */
  static final Instant END = DAY.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(30));
  static final int PARTITIONS = 2;
  static final String FALLBACK = "overflow-pool";

  private static final Set<Integer> COLD_START_HOURS = Set.of(2, 3, 10, 18, 19);
  private static final int[] RUNAWAY_HOURS = {6, 14};

  private record Step(Instant at, String replica, ReplicaEventType type, boolean cold) {}

  private final List<String> endpoints = pickEndpoints();

  List<String> endpoints() {
    return endpoints;
  }

  /** Settings of the four endpoints: budgets from $90 to $150 a day, a fallback, at most 3 replicas expected. */
  List<EndpointConfig> configs() {
    List<EndpointConfig> configs = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      configs.add(Records.config(endpoints.get(i)).setOwner("team-" + i).setDailyBudgetUsd(90.0 + 20 * i)
          .setHourlyPriceUsd(2.0).setExpectedMaxReplicas(3).setFallbackEndpointId(FALLBACK).build());
    }
    return configs;
  }

  /** Every replica event of the day, in event-time order. */
  List<ReplicaEvent> events() {
    List<ReplicaEvent> all = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      all.addAll(eventsOf(endpoints.get(i), i));
    }
    all.sort(Comparator.comparing(ReplicaEvent::getTimestamp)); // stable: an endpoint's own order is kept
    return all;
  }

  /** A request every 20 s per endpoint all day, at instants no replica event has, in event-time order. */
  List<InferenceRequest> requests() {
    List<InferenceRequest> all = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      Instant first = DAY.plusSeconds(7L * i).plusMillis(10_311);
      int n = 0;
      for (Instant t = first; t.isBefore(END); t = t.plusSeconds(20)) {
        all.add(Records.request(endpoints.get(i), t).setRequestId(endpoints.get(i) + "-request-" + n++)
            .setReplicaId("warm").setLatencyMs(150.0 + n % 7 * 10).setStatusCode(n % 97 == 0 ? 503 : 200).build());
      }
    }
    all.sort(Comparator.comparing(InferenceRequest::getTimestamp));
    return all;
  }

  /** {@link #events()} cut into consecutive pieces of {@code span} of event time. */
  List<List<ReplicaEvent>> chunks(Duration span) {
    Map<Long, List<ReplicaEvent>> byChunk = new TreeMap<>();
    for (ReplicaEvent event : events()) {
      long index = Duration.between(DAY, event.getTimestamp()).toMillis() / span.toMillis();
      byChunk.computeIfAbsent(index, k -> new ArrayList<>()).add(event);
    }
    return List.copyOf(byChunk.values());
  }

  private static List<ReplicaEvent> eventsOf(String endpoint, int index) {
    Duration offset = Duration.ofSeconds(7L * index);
    List<Step> steps = new ArrayList<>();
    Instant start = DAY.plus(offset).plusSeconds(5);
    steps.add(new Step(start, "warm", ReplicaEventType.SCALE_UP, false));
    steps.add(new Step(start.plusSeconds(30), "warm", ReplicaEventType.READY, false));
    int blip = 0;
    for (Instant t = DAY.plus(offset).plus(Duration.ofMinutes(10)); t.isBefore(END); t = t.plus(Duration.ofMinutes(15))) {
      String id = "blip-" + blip++;
      steps.add(new Step(t, id, ReplicaEventType.SCALE_UP, false));
      steps.add(new Step(t.plusSeconds(20), id, ReplicaEventType.READY, false));
      steps.add(new Step(t.plusSeconds(50), id, ReplicaEventType.SCALE_DOWN, false));
    }
    for (int hour : COLD_START_HOURS) {
      for (int k = 0; k < 12; k++) {
        Instant up = DAY.plus(offset).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(5L * k + 1));
        String id = "cold-" + hour + "-" + k;
        steps.add(new Step(up, id, ReplicaEventType.SCALE_UP, true));
        steps.add(new Step(up.plusSeconds(60), id, ReplicaEventType.READY, false));
        steps.add(new Step(up.plusSeconds(180), id, ReplicaEventType.SCALE_DOWN, false));
      }
    }
    for (int hour : RUNAWAY_HOURS) {
      for (int r = 0; r < 3; r++) {
        Instant up = DAY.plus(offset).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(30 + r));
        String id = "burst-" + hour + "-" + r;
        steps.add(new Step(up, id, ReplicaEventType.SCALE_UP, false));
        steps.add(new Step(up.plusSeconds(30), id, ReplicaEventType.READY, false));
        steps.add(new Step(up.plus(Duration.ofMinutes(15)), id, ReplicaEventType.SCALE_DOWN, false));
      }
    }
    steps.sort(Comparator.comparing(Step::at).thenComparing(Step::replica).thenComparing(Step::type));

    List<ReplicaEvent> events = new ArrayList<>();
    Set<String> up = new HashSet<>();
    for (Step step : steps) {
      if (step.type() == ReplicaEventType.SCALE_DOWN) {
        up.remove(step.replica());
      } else {
        up.add(step.replica());
      }
      events.add(Records.replica(endpoint, step.at(), step.replica(), step.type(), up.size())
          .setEventId(endpoint + "-" + events.size()).setColdStart(step.cold()).build());
    }
    return events;
  }

  /** Two endpoints on each partition under Kafka's default partitioner. */
  private static List<String> pickEndpoints() {
    List<String> picked = new ArrayList<>();
    int[] perPartition = new int[PARTITIONS];
    for (int i = 0; picked.size() < 2 * PARTITIONS; i++) {
      String endpoint = "fault-" + i;
      int partition = Utils.toPositive(Utils.murmur2(endpoint.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
      if (perPartition[partition] < 2) {
        perPartition[partition]++;
        picked.add(endpoint);
      }
    }
    return List.copyOf(picked);
  }
}
