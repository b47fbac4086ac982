package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroWireSerdeRoundTripTest {

  static List<SpecificRecord> contractRecords() {
    return ContractRecords.all();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("contractRecords")
  void everyContractRecordSurvivesTheRoundTrip(SpecificRecord record) {
    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> T roundTrip(T record) {
    AvroWireSerde<T> serde =
        new AvroWireSerde<>(new InMemorySchemaRegistryClient(), (Class<T>) record.getClass(), true);
    byte[] bytes = serde.serializer().serialize("some.topic", record);
    return serde.deserializer().deserialize("some.topic", bytes);
  }

  @Test
  void unsetOptionalFieldsReadAsTheirDefaults() {
    EndpointConfig config = roundTrip(ContractRecords.endpointConfig(false));

    assertThat(config.getHourlyPriceUsd()).isNull();
    assertThat(config.getFallbackEndpointId()).isNull();
    assertThat(config.getTimezone()).isEqualTo("UTC");
    assertThat(config.getAllowEmergencyShutdown()).isFalse();
    assertThat(config.getThresholds()).isEmpty();
  }

  @Test
  void stringsAreJavaStringsAndInstantsKeepMilliseconds() {
    InferenceRequest request = roundTrip(ContractRecords.request(true));

    assertThat(request.getReplicaId()).isInstanceOf(String.class).isEqualTo("replica-é✓");
    assertThat(request.getTimestamp()).isEqualTo(ContractRecords.T0);
    EndpointConfig config = roundTrip(ContractRecords.endpointConfig(true));
    assertThat(config.getThresholds()).isEqualTo(Map.of("COLD_START_FREQUENCY", 20.0, "ERROR_RATE", 0.05));
  }

  @Test
  void onceWarmNoRecordTouchesTheRegistry() {
    CountingRegistry registry = new CountingRegistry();
    AvroWireSerde<CostAlert> serde = new AvroWireSerde<>(registry, CostAlert.class, true);
    String topic = TopicNames.DEFAULTS.alerts();

    byte[] first = serde.serializer().serialize(topic, ContractRecords.costAlert(true));
    serde.deserializer().deserialize(topic, first);
    int warm = registry.calls();
    for (int i = 0; i < 100; i++) {
      byte[] bytes = serde.serializer().serialize(topic, ContractRecords.costAlert(i % 2 == 0));
      serde.deserializer().deserialize(topic, bytes);
    }

    assertThat(warm).isEqualTo(2); // one registration, one fetch of the writer schema by id
    assertThat(registry.calls()).isEqualTo(warm);
  }

  @Test
  void registersOncePerTopicUnderTopicNameStrategy() {
    CountingRegistry registry = new CountingRegistry();
    AvroWireSerializer<CostAlert> serializer = new AvroWireSerializer<>(registry, CostAlert.class, true);

    serializer.serialize("alerts.a", ContractRecords.costAlert(true));
    serializer.serialize("alerts.b", ContractRecords.costAlert(true));
    serializer.serialize("alerts.a", ContractRecords.costAlert(false));

    assertThat(registry.registers).hasValue(2);
    assertThat(registry.delegate.subjects()).containsExactly("alerts.a-value", "alerts.b-value");
  }

  @Test
  void aKeySerializerUsesTheKeySubject() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    AvroWireSerde<CostAlert> serde = new AvroWireSerde<>(registry, CostAlert.class, true);
    serde.configure(Map.of(), true);

    serde.serializer().serialize("alerts", ContractRecords.costAlert(true));

    assertThat(registry.subjects()).containsExactly("alerts-key");
  }

  @Test
  void withoutAutoRegistrationTheSchemaIsLookedUp() {
    CountingRegistry registry = new CountingRegistry();
    String topic = TopicNames.DEFAULTS.alerts();
    AvroWireSerializer<CostAlert> serializer = new AvroWireSerializer<>(registry, CostAlert.class, false);
    int id = registry.delegate.register(topic + "-value", serializer.registeredSchema());

    byte[] bytes = serializer.serialize(topic, ContractRecords.costAlert(true));
    serializer.serialize(topic, ContractRecords.costAlert(true));

    assertThat(WireFormat.schemaIdOf(bytes)).isEqualTo(id);
    assertThat(registry.registers).hasValue(0);
    assertThat(registry.lookups).hasValue(1);
  }

  @Test
  void withoutAutoRegistrationAnUnregisteredSchemaFailsWithAdvice() {
    AvroWireSerializer<CostAlert> serializer =
        new AvroWireSerializer<>(new InMemorySchemaRegistryClient(), CostAlert.class, false);

    assertThatThrownBy(() -> serializer.serialize("cost.alerts", ContractRecords.costAlert(true)))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cost.alerts: schema io.burnrate.schema.CostAlert is not registered under subject 'cost.alerts-value'")
        .hasMessageContaining("auto-registration is off");
  }

  @Test
  void nullIsATombstoneBothWays() {
    AvroWireSerde<EndpointConfig> serde =
        new AvroWireSerde<>(new InMemorySchemaRegistryClient(), EndpointConfig.class, true);

    assertThat(serde.serializer().serialize("endpoint.config", null)).isNull();
    assertThat(serde.deserializer().deserialize("endpoint.config", null)).isNull();
  }

  @Test
  void aRecordMissingARequiredFieldFailsWithTheTopicAndField() {
    InferenceRequest broken = ContractRecords.request(true);
    broken.setEndpointId(null);
    AvroWireSerializer<InferenceRequest> serializer =
        new AvroWireSerializer<>(new InMemorySchemaRegistryClient(), InferenceRequest.class, true);

    assertThatThrownBy(() -> serializer.serialize("inference.requests", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("inference.requests: cannot encode io.burnrate.schema.InferenceRequest")
        .hasMessageContaining("endpoint_id");
  }

  @Test
  void oneSerdeServesManyThreads() throws Exception {
    AvroWireSerde<InferenceRequest> serde =
        new AvroWireSerde<>(new InMemorySchemaRegistryClient(), InferenceRequest.class, true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> work =
          IntStream.range(0, 4)
              .<Callable<Boolean>>mapToObj(t -> () -> {
                for (int i = 0; i < 500; i++) {
                  InferenceRequest sent = ContractRecords.request(i % 2 == 0);
                  sent.setRequestId("t" + t + "-" + i);
                  byte[] bytes = serde.serializer().serialize("inference.requests", sent);
                  if (!sent.equals(serde.deserializer().deserialize("inference.requests", bytes))) {
                    return false;
                  }
                }
                return true;
              })
              .toList();
      for (Future<Boolean> result : pool.invokeAll(work, 60, TimeUnit.SECONDS)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
