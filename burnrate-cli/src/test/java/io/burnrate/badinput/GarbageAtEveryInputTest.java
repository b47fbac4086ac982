package io.burnrate.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.topology.DeadLetters;
import io.burnrate.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Generated garbage at every input topic, one pipeline for all tries: random bytes, and valid records
 * with flipped bytes, cut short, with one field set to an odd value, or under another key. Whatever
 * comes, the pipeline does not throw, and each record is either processed (it is in the state the
 * endpoint processor keeps) or in the dead-letter topic byte for byte with a reason, counted once.
 */
class GarbageAtEveryInputTest {
  private static final List<String> ENDPOINTS = List.of("e1", "e2", "e3");
  private static final String LONG_TEXT = "x".repeat(10 * 1024);

  private final GarbageHarness harness = new GarbageHarness();
  private final ValidRecords valid = new ValidRecords();
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private int tries;

  /** Bytes thrown at a topic, and how they were made. */
  record Thrown(String topic, byte[] key, byte[] value, String how) {
    @Override
    public String toString() {
      return topic + " <- " + how + " (key " + (key == null ? "null" : new String(key, StandardCharsets.UTF_8))
          + ", " + (value == null ? "null" : value.length + " bytes") + ")";
    }
  }

  @Property(tries = 1000)
  void everyRecordIsProcessedOrDeadLetteredAndNothingThrows(@ForAll("garbage") Thrown thrown) {
    tries++;
    double countedBefore = harness.deadLettersCounted();
    assertThatCode(() -> harness.pipe(thrown.topic(), thrown.key(), thrown.value()))
        .as("piping %s", thrown).doesNotThrowAnyException();
    List<TestRecord<byte[], byte[]>> letters = harness.newDeadLetters();
    assertThat(letters).as("dead letters of %s", thrown).hasSizeLessThanOrEqualTo(1);
    if (letters.isEmpty()) {
      assertThat(harness.deadLettersCounted()).as("dead letters counted").isEqualTo(countedBefore);
      assertProcessed(thrown);
      outcomes.merge("processed", 1, Integer::sum);
      return;
    }
    TestRecord<byte[], byte[]> letter = letters.get(0);
    assertThat(letter.key()).as("key of the dead letter of %s", thrown).isEqualTo(thrown.key());
    assertThat(letter.value()).as("value of the dead letter of %s", thrown).isEqualTo(thrown.value());
    String reason = header(letter, DeadLetters.REASON);
    assertThat(reason).as("reason of %s", thrown).matches("decode|late|key-mismatch|invalid:[a-z_.A-Z0-9]+");
    assertThat(header(letter, DeadLetters.TOPIC)).isEqualTo(thrown.topic());
    assertThat(harness.deadLettersCounted()).as("dead letters counted").isEqualTo(countedBefore + 1);
    assertThat(harness.deadLettersCounted("topic", thrown.topic(), "reason",
        reason.startsWith("invalid:") ? "invalid" : reason)).isPositive();
    outcomes.merge(reason.startsWith("invalid:") ? "invalid" : reason, 1, Integer::sum);
  }

  @AfterProperty
  void summarize() {
    System.out.printf("garbage: %d tries on %d topics, outcomes %s%n",
        tries, GarbageHarness.inputTopics().size(), outcomes);
    harness.close();
  }

  /** A record that was not dead-lettered is in the endpoint processor's state. */
  private void assertProcessed(Thrown thrown) {
    String topic = thrown.topic();
    String key = thrown.key() == null ? null : new String(thrown.key(), StandardCharsets.UTF_8);
    KeyValueStore<String, EndpointConfig> configs = harness.driver.getKeyValueStore(StoreNames.ENDPOINT_CONFIG);
    if (thrown.value() == null) {
      assertThat(topic).as("only settings may be deleted by a tombstone").isEqualTo(GarbageHarness.TOPICS.endpointConfig());
      assertThat(configs.get(key)).as("settings of %s after its tombstone", key).isNull();
      return;
    }
    WindowStore<String, byte[]> seen = harness.driver.getWindowStore(StoreNames.SEEN_EVENT_IDS);
    WindowStore<String, byte[]> lineItems = harness.driver.getWindowStore(StoreNames.LINE_ITEMS);
    if (topic.equals(GarbageHarness.TOPICS.requests())) {
      InferenceRequest r = decode(thrown, InferenceRequest.class);
      assertThat(seen.fetch("request:" + r.getRequestId(), r.getTimestamp().toEpochMilli())).as("%s seen", r).isNotNull();
    } else if (topic.equals(GarbageHarness.TOPICS.replicas())) {
      ReplicaEvent e = decode(thrown, ReplicaEvent.class);
      assertThat(seen.fetch("replica:" + e.getEventId(), e.getTimestamp().toEpochMilli())).as("%s seen", e).isNotNull();
    } else if (topic.equals(GarbageHarness.TOPICS.billing())) {
      BillingEvent b = decode(thrown, BillingEvent.class);
      assertThat(lineItems.fetch(b.getLineItemId(), b.getUsageStart().toEpochMilli())).as("%s kept", b).isNotNull();
    } else {
      EndpointConfig c = decode(thrown, EndpointConfig.class);
      assertThat(configs.get(c.getEndpointId())).as("settings of %s", key).isEqualTo(c);
    }
  }

  private <T extends SpecificRecord> T decode(Thrown thrown, Class<T> type) {
    return new AvroWireDeserializer<>(harness.registry, type).deserialize(thrown.topic(), thrown.value());
  }

  // ---- generators ----

  @Provide
  Arbitrary<Thrown> garbage() {
    Arbitrary<String> topics = Arbitraries.of(GarbageHarness.inputTopics());
    return topics.flatMap(topic -> Arbitraries.frequencyOf(
        Tuple.of(2, randomBytes(topic)),
        Tuple.of(2, validRecords(topic)),
        Tuple.of(4, fieldEdits(topic)),
        Tuple.of(2, flippedBytes(topic)),
        Tuple.of(2, truncations(topic)),
        Tuple.of(1, otherKeys(topic)),
        Tuple.of(1, Arbitraries.just(new Thrown(topic, key("e1"), null, "tombstone")))));
  }

  private Arbitrary<Thrown> randomBytes(String topic) {
    return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(200), Arbitraries.of(ENDPOINTS))
        .as((bytes, endpoint) -> new Thrown(topic, key(endpoint), bytes, "random bytes"));
  }

  private Arbitrary<Thrown> validRecords(String topic) {
    return baseRecords(topic).map(r -> thrown(topic, r, encode(topic, r), "valid"));
  }

  private Arbitrary<Thrown> fieldEdits(String topic) {
    return baseRecords(topic).flatMap(record -> {
      List<Schema.Field> fields = record.getSchema().getFields();
      return Arbitraries.of(fields).flatMap(field -> Arbitraries.of(oddValues(field.schema())).map(value -> {
        SpecificRecord edited = WireBytes.with(record, field.name(), value);
        return thrown(topic, edited, encode(topic, edited), field.name() + " = " + abbreviate(value));
      }));
    });
  }

  private Arbitrary<Thrown> flippedBytes(String topic) {
    return Combinators.combine(baseRecords(topic), Arbitraries.integers().between(0, Integer.MAX_VALUE).list()
            .ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(1, 255))
        .as((record, positions, mask) -> {
          byte[] bytes = encode(topic, record);
          for (int position : positions) {
            bytes[position % bytes.length] ^= mask.byteValue();
          }
          return thrown(topic, record, bytes, "bytes " + positions + " xor " + mask);
        });
  }

  private Arbitrary<Thrown> truncations(String topic) {
    return Combinators.combine(baseRecords(topic), Arbitraries.integers().between(0, Integer.MAX_VALUE))
        .as((record, cut) -> {
          byte[] bytes = encode(topic, record);
          int length = cut % bytes.length;
          return thrown(topic, record, Arrays.copyOf(bytes, length), "cut to " + length + " bytes");
        });
  }

  private Arbitrary<Thrown> otherKeys(String topic) {
    return Combinators.combine(baseRecords(topic), Arbitraries.of("", "e2", "no-such-endpoint", LONG_TEXT))
        .as((record, key) -> new Thrown(topic, key(key), encode(topic, record), "under key " + abbreviate(key)));
  }

  /** Valid records of the topic's type, for one of a few endpoints, within minutes of each other. */
  private Arbitrary<SpecificRecord> baseRecords(String topic) {
    return Combinators.combine(Arbitraries.of(ENDPOINTS), Arbitraries.integers().between(-600, 600))
        .as((endpoint, seconds) -> {
          Instant at = GarbageHarness.AT.plusSeconds(seconds);
          if (topic.equals(GarbageHarness.TOPICS.requests())) {
            return valid.request(endpoint, at);
          } else if (topic.equals(GarbageHarness.TOPICS.replicas())) {
            return valid.replica(endpoint, at);
          } else if (topic.equals(GarbageHarness.TOPICS.billing())) {
            return valid.bill(endpoint, at);
          }
          return valid.config(endpoint);
        });
  }

  /** Values a producer could write into a field of this schema that the pipeline may not expect. */
  private static List<Object> oddValues(Schema schema) {
    List<Object> values = new ArrayList<>();
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() == Schema.Type.NULL) {
          values.add(null);
        } else {
          values.addAll(oddValues(branch));
        }
      }
      return values;
    }
    switch (schema.getType()) {
      case STRING -> values.addAll(List.of("", " ", "e1", "é☃\u0000", LONG_TEXT));
      case DOUBLE -> values.addAll(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0, -0.0,
          0.0, Double.MIN_VALUE, 1e308));
      case INT -> values.addAll(List.of(-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE));
      case LONG -> {
        if (schema.getLogicalType() != null) {
          values.addAll(List.of(Instant.EPOCH, Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE),
              Instant.parse("3000-01-01T00:00:00Z"), GarbageHarness.AT.minus(Duration.ofDays(3)),
              GarbageHarness.AT.plus(Duration.ofHours(3))));
        } else {
          values.addAll(List.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE));
        }
      }
      case BOOLEAN -> values.addAll(List.of(true, false));
      case ENUM -> schema.getEnumSymbols().forEach(s -> values.add(SpecificData.get().createEnum(s, schema)));
      case MAP -> values.addAll(List.of(Map.of(), Map.of("NOT_A_RULE", 1.0), Map.of("COST_SPIKE", Double.NaN),
          Map.of("COST_SPIKE", -1.0), Map.of("UNKNOWN", 2.0), Map.of("COST_SPIKE", 1e308)));
      default -> throw new IllegalArgumentException("no odd values for " + schema);
    }
    return values;
  }

  private Thrown thrown(String topic, SpecificRecord record, byte[] value, String how) {
    Object endpoint = record.get(record.getSchema().getField("endpoint_id").pos());
    return new Thrown(topic, key(String.valueOf(endpoint)), value, how);
  }

  private byte[] encode(String topic, SpecificRecord record) {
    return new WireBytes(harness.registry).encode(topic, record);
  }

  private static byte[] key(String key) {
    return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "... (" + text.length() + " chars)" : text;
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
