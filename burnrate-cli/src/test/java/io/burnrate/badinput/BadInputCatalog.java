package io.burnrate.badinput;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.WireFormatException;
import io.burnrate.topology.DeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * The table of bad input, per input topic: random bytes, empty and null values, truncated records, an
 * unknown schema id, records of the other input types, NaN and infinite doubles, negative amounts,
 * instants in 1970 and 3000, empty and 10 kB ids, and enum symbols from a newer writer schema.
 *
 * <p>Accepted by contract, so not dead-lettered: a tombstone on {@code endpoint.config} (it returns the
 * endpoint to the defaults); an unknown {@code BillingCategory} symbol, which resolves to the enum's
 * default OTHER, a real category of spend; an unknown {@code Criticality}, which resolves to CRITICAL,
 * the safe choice (never scaled). An unknown {@code ReplicaEventType} resolves to UNKNOWN, which says
 * nothing the pipeline could act on: it is dead-lettered as {@code invalid:type}.
 */
final class BadInputCatalog {
  static final String DECODE = DeadLetters.DECODE;
  /** Endpoint whose config arrives with an unknown criticality; a runaway scale-up of it must alert. */
  static final String BREACH_ENDPOINT = "bi-breach";
  /** Endpoint whose bill arrives with an unknown category; it must count as spend. */
  static final String BILLED_ENDPOINT = "bi-billed";
  static final double UNKNOWN_CATEGORY_USD = 12.34;

  private static final int RANDOM_CASES = 3;
  private static final int RANDOM_AFTER_HEADER_CASES = 2;
  private static final int CUT_POINTS = 10;
  private static final int UNKNOWN_SCHEMA_ID = 987_654;
  private static final String LONG_ID = "x".repeat(10 * 1024);
  private static final Instant YEAR_1970 = Instant.parse("1970-01-01T00:00:01Z");
  private static final Instant YEAR_3000 = Instant.parse("3000-01-01T00:00:00Z");
  private static final double[] NON_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  private final WireBytes wire;
  private final TopicNames topics;
  private final Instant at;
  private final ValidRecords valid = new ValidRecords();
  private final Random random = new Random(20_260_302L);
  private final List<BadCase> cases = new ArrayList<>();

  /** Cases whose valid parts carry event time {@code at}. */
  BadInputCatalog(WireBytes wire, TopicNames topics, Instant at) {
    this.wire = wire;
    this.topics = topics;
    this.at = at;
  }

  List<BadCase> build() {
    requests();
    replicas();
    billing();
    configs();
    return List.copyOf(cases);
  }

  private void requests() {
    String topic = topics.requests();
    String endpoint = "bi-requests";
    InferenceRequest base = valid.request(endpoint, at);
    common(topic, endpoint, base, InferenceRequest.class, true);
    for (double value : NON_FINITE) {
      invalid(topic, endpoint, base, "latency_ms", value);
    }
    invalid(topic, endpoint, base, "latency_ms", -1.0);
    invalid(topic, endpoint, base, "input_tokens", -1);
    invalid(topic, endpoint, base, "output_tokens", -1);
    invalid(topic, endpoint, base, "queue_depth", -1);
    absurdTimes(topic, endpoint, base, "timestamp");
    badIds(topic, endpoint, base, "request_id", "endpoint_id", "replica_id");
  }

  private void replicas() {
    String topic = topics.replicas();
    String endpoint = "bi-replicas";
    ReplicaEvent base = valid.replica(endpoint, at);
    common(topic, endpoint, base, ReplicaEvent.class, true);
    for (double value : NON_FINITE) {
      invalid(topic, endpoint, base, "model_size_gb", value);
    }
    invalid(topic, endpoint, base, "model_size_gb", -26.0);
    invalid(topic, endpoint, base, "replicas_after", -1);
    invalid(topic, endpoint, base, "startup_ms", -1L);
    absurdTimes(topic, endpoint, base, "timestamp");
    badIds(topic, endpoint, base, "event_id", "endpoint_id", "replica_id");
    cases.add(BadCase.deadLetter("unknown ReplicaEventType symbol from a newer schema", topic, endpoint,
        wire.encodeWithNewerSymbol(topic, valid.replica(endpoint, at), "type", "MIGRATED"),
        DeadLetters.invalid("type")));
  }

  private void billing() {
    String topic = topics.billing();
    String endpoint = "bi-billing";
    BillingEvent base = valid.bill(endpoint, at);
    common(topic, endpoint, base, BillingEvent.class, true);
    for (String field : List.of("quantity", "cost_usd")) {
      for (double value : NON_FINITE) {
        invalid(topic, endpoint, base, field, value);
      }
      invalid(topic, endpoint, base, field, -0.01);
    }
    absurdTimes(topic, endpoint, base, "usage_start");
    absurdTimes(topic, endpoint, base, "usage_end");
    cases.add(BadCase.deadLetter("usage over more than a month", topic, endpoint,
        encode(topic, WireBytes.with(base, "usage_start", at.minus(Duration.ofDays(40)))),
        DeadLetters.invalid("usage_start")));
    badIds(topic, endpoint, base, "line_item_id", "endpoint_id");
    BillingEvent bill = WireBytes.with(valid.bill(BILLED_ENDPOINT, at), "cost_usd", UNKNOWN_CATEGORY_USD);
    cases.add(BadCase.accepted("unknown BillingCategory symbol from a newer schema", topic, BILLED_ENDPOINT,
        wire.encodeWithNewerSymbol(topic, bill, "category", "GPU_RESERVATION"),
        "resolves to the default OTHER, a category of spend"));
  }

  private void configs() {
    String topic = topics.endpointConfig();
    String endpoint = "bi-config";
    EndpointConfig base = valid.config(endpoint);
    common(topic, endpoint, base, EndpointConfig.class, false);
    for (String field : List.of("daily_budget_usd", "hourly_price_usd", "model_size_gb")) {
      for (double value : NON_FINITE) {
        invalid(topic, endpoint, base, field, value);
      }
      invalid(topic, endpoint, base, field, -1.0);
    }
    for (double value : NON_FINITE) {
      add("thresholds value " + value, topic, endpoint,
          WireBytes.with(base, "thresholds", Map.of("COST_SPIKE", value)), "thresholds.COST_SPIKE");
    }
    add("threshold for no rule", topic, endpoint,
        WireBytes.with(base, "thresholds", Map.of("NOT_A_RULE", 2.0)), "thresholds");
    invalid(topic, endpoint, base, "min_replicas", -1);
    badIds(topic, endpoint, base, "endpoint_id", "fallback_endpoint_id");
    cases.add(BadCase.accepted("tombstone", topic, endpoint, null, "returns the endpoint to the defaults"));
    EndpointConfig breach = WireBytes.with(valid.config(BREACH_ENDPOINT), "expected_max_replicas", 4);
    cases.add(BadCase.accepted("unknown Criticality symbol from a newer schema", topic, BREACH_ENDPOINT,
        wire.encodeWithNewerSymbol(topic, breach, "criticality", "BEST_EFFORT"),
        "resolves to the default CRITICAL: alerted on, never scaled"));
  }

  /** The cases every topic shares. */
  private <T extends SpecificRecord> void common(
      String topic, String endpoint, T base, Class<T> type, boolean tombstoneIsBad) {
    for (int i = 0; i < RANDOM_CASES; i++) {
      byte[] bytes = new byte[1 + random.nextInt(64)];
      random.nextBytes(bytes);
      bytes[0] = (byte) (1 + random.nextInt(255)); // not the magic byte
      cases.add(BadCase.deadLetter("random bytes #" + i, topic, endpoint, bytes, DECODE));
    }
    byte[] encoded = encode(topic, base);
    AvroWireDeserializer<T> reader = new AvroWireDeserializer<>(wire.registry(), type);
    for (int i = 0; i < RANDOM_AFTER_HEADER_CASES; i++) {
      cases.add(BadCase.deadLetter("random bytes after a valid header #" + i, topic, endpoint,
          randomPayloadThatDoesNotDecode(topic, WireBytes.schemaIdOf(encoded), reader), DECODE));
    }
    cases.add(BadCase.deadLetter("empty value", topic, endpoint, new byte[0], DECODE));
    if (tombstoneIsBad) {
      cases.add(BadCase.deadLetter("null value (tombstone)", topic, endpoint, null, DECODE));
    }
    for (int k = 1; k <= CUT_POINTS; k++) {
      int length = (int) ((long) (encoded.length - 1) * k / CUT_POINTS);
      length = Math.max(1, Math.min(length, encoded.length - 1));
      cases.add(BadCase.deadLetter("truncated to " + length + " of " + encoded.length + " bytes", topic, endpoint,
          Arrays.copyOf(encoded, length), DECODE));
    }
    byte[] unknownId = encoded.clone();
    System.arraycopy(WireBytes.header(UNKNOWN_SCHEMA_ID), 0, unknownId, 0, 5);
    cases.add(BadCase.deadLetter("unknown schema id " + UNKNOWN_SCHEMA_ID, topic, endpoint, unknownId, DECODE));
    for (SpecificRecord other : otherTypes(endpoint, type)) {
      cases.add(BadCase.deadLetter("a valid " + other.getSchema().getName(), topic, endpoint,
          encode(topicOf(other), other), DECODE));
    }
  }

  private byte[] randomPayloadThatDoesNotDecode(String topic, int schemaId, AvroWireDeserializer<?> reader) {
    while (true) {
      byte[] payload = new byte[8 + random.nextInt(56)];
      random.nextBytes(payload);
      byte[] framed = new byte[5 + payload.length];
      System.arraycopy(WireBytes.header(schemaId), 0, framed, 0, 5);
      System.arraycopy(payload, 0, framed, 5, payload.length);
      try {
        reader.deserialize(topic, framed);
      } catch (WireFormatException notARecord) {
        return framed;
      }
    }
  }

  private List<SpecificRecord> otherTypes(String endpoint, Class<?> type) {
    List<SpecificRecord> others = new ArrayList<>(List.of(valid.request(endpoint, at), valid.replica(endpoint, at),
        valid.bill(endpoint, at), valid.config(endpoint)));
    others.removeIf(type::isInstance);
    return others;
  }

  private String topicOf(SpecificRecord record) {
    if (record instanceof InferenceRequest) {
      return topics.requests();
    }
    if (record instanceof ReplicaEvent) {
      return topics.replicas();
    }
    if (record instanceof BillingEvent) {
      return topics.billing();
    }
    return topics.endpointConfig();
  }

  private void absurdTimes(String topic, String endpoint, SpecificRecord base, String field) {
    invalid(topic, endpoint, base, field, YEAR_1970);
    invalid(topic, endpoint, base, field, YEAR_3000);
  }

  private void badIds(String topic, String endpoint, SpecificRecord base, String... fields) {
    for (String field : fields) {
      add(field + " empty", topic, endpoint, WireBytes.with(base, field, ""), field);
      add(field + " of 10 kB", topic, endpoint, WireBytes.with(base, field, LONG_ID), field);
    }
  }

  private void invalid(String topic, String endpoint, SpecificRecord base, String field, Object value) {
    add(field + " " + value, topic, endpoint, WireBytes.with(base, field, value), field);
  }

  private void add(String name, String topic, String endpoint, SpecificRecord record, String invalidField) {
    cases.add(BadCase.deadLetter(name, topic, endpoint, encode(topic, record), DeadLetters.invalid(invalidField)));
  }

  private byte[] encode(String topic, SpecificRecord record) {
    return wire.encode(topic, record);
  }
}
