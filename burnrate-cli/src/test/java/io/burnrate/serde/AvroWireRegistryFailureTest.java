package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.schema.InferenceRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Which registry failures make a record bad input: only the registry's own answer that it does not
 * know the schema id. Everything else says nothing about the record and must reach the caller as a
 * {@link RegistryException}, so that the record is read again rather than dead-lettered.
 */
class AvroWireRegistryFailureTest {

  private static final String TOPIC = "inference.requests";

  /** The in-memory registry, with failures queued in front of its lookups by id. */
  private static final class FailingFirst implements SchemaRegistryClient {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final Deque<RegistryException> failures = new ArrayDeque<>();
    int lookups;

    @Override
    public int register(String subject, Schema schema) {
      return registry.register(subject, schema);
    }

    @Override
    public Schema getById(int id) {
      lookups++;
      RegistryException failure = failures.poll();
      if (failure != null) {
        throw failure;
      }
      return registry.getById(id);
    }

    @Override
    public int getId(String subject, Schema schema) {
      return registry.getId(subject, schema);
    }

    @Override
    public Optional<String> compatibility(String subject) {
      return registry.compatibility(subject);
    }

    @Override
    public void setCompatibility(String subject, String level) {
      registry.setCompatibility(subject, level);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
      return registry.isCompatible(subject, schema);
    }
  }

  private final FailingFirst registry = new FailingFirst();
  private final byte[] bytes = new AvroWireSerializer<>(registry, InferenceRequest.class, true)
      .serialize(TOPIC, ContractRecords.request(true));
  private final AvroWireDeserializer<InferenceRequest> deserializer =
      new AvroWireDeserializer<>(registry, InferenceRequest.class);

  @Test
  void anIdTheRegistrySaysItDoesNotKnowIsBadInput() {
    registry.failures.add(RegistryException.rejected("fetch schema by id", 404, 40403, "Schema 1 not found", null, 1));

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("unknown schema id 1");
  }

  @Test
  void aRegistryThatDoesNotAnswerIsNotTheRecordsFaultAndIsAskedAgainNextTime() {
    registry.failures.add(new RegistryException("fetch schema by id", "failed after 5 attempt(s)",
        RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE, null, null, 1, null));

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isUnavailable()).isTrue());
    assertThat(deserializer.deserialize(TOPIC, bytes).getRequestId()).isEqualTo(ContractRecords.request(true).getRequestId());
    assertThat(registry.lookups).isEqualTo(2);
  }

  @Test
  void aBare404FromSomethingThatIsNotTheRegistryIsNotBadInput() {
    registry.failures.add(RegistryException.rejected(
        "fetch schema by id", 404, RegistryException.NO_RESPONSE, "<html>Not Found</html>", null, 1));

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOf(RegistryException.class)
        .isNotInstanceOf(WireFormatException.class);
  }

  @Test
  void a5xxIsUnavailableAndA401IsNot() {
    RegistryException busy = RegistryException.rejected("fetch schema by id", 503, 50003, "busy", null, 1);
    RegistryException unauthorized = RegistryException.rejected("fetch schema by id", 401, 401, "no", null, 1);

    assertThat(busy.isUnavailable()).isTrue();
    assertThat(unauthorized.isUnavailable()).isFalse();
    assertThat(unauthorized.isRegistryNotFound()).isFalse();
  }
}
