package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.registry.StoreRecord.Compatibility;
import io.burnrate.registry.StoreRecord.SchemaVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {

  private final StoreRecordCodec codec = new StoreRecordCodec();

  @Test
  void schemaVersionsRoundTripAsDocumentedJson() {
    SchemaVersion version = new SchemaVersion("orders-value", 2, 7, "\"string\"", false);

    assertThat(text(codec.key(version)))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":2}");
    assertThat(text(codec.value(version)))
        .isEqualTo(
            "{\"subject\":\"orders-value\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
    assertThat(codec.decode(codec.key(version), codec.value(version))).contains(version);
    assertThat(codec.decode(codec.key(version.asDeleted()), codec.value(version.asDeleted())))
        .contains(version.asDeleted());
  }

  @Test
  void aDeletedVersionKeepsTheKeySoCompactionReplacesTheLiveRecord() {
    SchemaVersion version = new SchemaVersion("orders-value", 2, 7, "\"string\"", false);

    assertThat(codec.key(version.asDeleted())).isEqualTo(codec.key(version));
  }

  @Test
  void compatibilitySettingsRoundTripAndRemovalIsATombstone() {
    Compatibility global = Compatibility.global(CompatibilityLevel.FULL);
    Compatibility subject = new Compatibility("orders-value", CompatibilityLevel.NONE);
    Compatibility removed = new Compatibility("orders-value", null);

    assertThat(text(codec.key(global))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null}");
    assertThat(text(codec.value(global))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(codec.value(removed)).isNull();
    assertThat(codec.key(removed)).isEqualTo(codec.key(subject));
    assertThat(codec.decode(codec.key(global), codec.value(global))).contains(global);
    assertThat(codec.decode(codec.key(subject), codec.value(subject))).contains(subject);
    assertThat(codec.decode(codec.key(removed), null)).contains(removed);
  }

  @Test
  void ignoresRecordsItDoesNotWrite() {
    assertThat(codec.decode(bytes("{\"keytype\":\"NOOP\"}"), bytes("{}"))).isEqualTo(Optional.empty());
    assertThat(codec.decode(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1}"), null))
        .isEqualTo(Optional.empty());
  }

  @Test
  void namesWhatIsWrongWithAnUnreadableRecord() {
    assertThatThrownBy(() -> codec.decode(bytes("not json"), bytes("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key is not JSON");
    assertThatThrownBy(
            () ->
                codec.decode(
                    bytes("{\"keytype\":\"SCHEMA\"}"),
                    bytes("{\"subject\":\"s\",\"version\":1,\"schema\":\"\\\"int\\\"\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'id'");
    assertThatThrownBy(
            () -> codec.decode(bytes("{\"keytype\":\"CONFIG\"}"), bytes("{\"compatibilityLevel\":\"ODD\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ODD");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
