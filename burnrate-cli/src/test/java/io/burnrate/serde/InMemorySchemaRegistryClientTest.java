package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.InferenceRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

  private static final Schema REQUEST = AvroSchemas.withoutJavaProperties(InferenceRequest.getClassSchema());
  private static final Schema BILLING = AvroSchemas.withoutJavaProperties(BillingEvent.getClassSchema());

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void idsAreGlobalAndTheSameSchemaKeepsItsId() {
    int request = registry.register("inference.requests-value", REQUEST);
    int billing = registry.register("billing.events-value", BILLING);

    assertThat(request).isEqualTo(1);
    assertThat(billing).isEqualTo(2);
    assertThat(registry.register("inference.requests-value", REQUEST)).isEqualTo(1);
    assertThat(registry.register("copy-value", new Schema.Parser().parse(REQUEST.toString()))).isEqualTo(1);
    assertThat(registry.getById(2)).isEqualTo(BILLING);
    assertThat(registry.getId("copy-value", REQUEST)).isEqualTo(1);
  }

  @Test
  void eachInstanceIsItsOwnRegistry() {
    registry.register("a-value", BILLING);

    InMemorySchemaRegistryClient other = new InMemorySchemaRegistryClient();

    assertThat(other.register("b-value", REQUEST)).isEqualTo(1);
    assertThat(other.subjects()).containsExactly("b-value");
  }

  @Test
  void lookupsOfWhatIsNotThereFailLikeARegistry() {
    registry.register("inference.requests-value", REQUEST);

    assertThatThrownBy(() -> registry.getById(42))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> registry.getId("nope-value", REQUEST))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40401);
        });
    assertThatThrownBy(() -> registry.getId("inference.requests-value", BILLING))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void registeringAnIncompatibleSchemaIsRefused() {
    registry.setCompatibility("inference.requests-value", "FULL_TRANSITIVE");
    registry.register("inference.requests-value", REQUEST);

    assertThat(registry.compatibility("inference.requests-value")).contains("FULL_TRANSITIVE");
    assertThat(registry.compatibility("other-value")).isEmpty();
    assertThat(registry.isCompatible("inference.requests-value", BILLING)).isFalse();
    assertThat(registry.isCompatible("new-value", BILLING)).isTrue();
    assertThatThrownBy(() -> registry.register("inference.requests-value", BILLING))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("incompatible");
  }

  @Test
  void anUnknownLevelIsRefused() {
    assertThatThrownBy(() -> registry.setCompatibility("x-value", "SOMETIMES"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203))
        .hasMessageContaining("FULL_TRANSITIVE");
  }

  @Test
  void concurrentRegistrationsAgreeOnIds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Set<Integer> ids = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures =
          IntStream.range(0, 200)
              .<Future<?>>mapToObj(i -> pool.submit(() -> ids.add(registry.register("s" + (i % 7) + "-value", REQUEST))))
              .toList();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(ids).containsExactly(1);
    assertThat(registry.subjects()).hasSize(7);
  }
}
