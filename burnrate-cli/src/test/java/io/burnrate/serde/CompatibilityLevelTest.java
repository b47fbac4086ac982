package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

  private static Schema record(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
  }

  private static final Schema V1 = record("{\"name\":\"a\",\"type\":\"string\"}");
  /** Adds a required field: readers of V2 cannot read V1 data. */
  private static final Schema V2_REQUIRED = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");
  /** Adds an optional field: compatible both ways. */
  private static final Schema V2_OPTIONAL =
      record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}");
  /** Gives field a a default. */
  private static final Schema V2_DEFAULTED =
      record("{\"name\":\"a\",\"type\":\"string\",\"default\":\"x\"},{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}");
  /** Removes field a: V2 readers fill in its default, V1 readers have none. */
  private static final Schema V3_DROPPED = record("{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}");

  @Test
  void checksTheDirectionsEachLevelNames() {
    assertThat(CompatibilityLevel.BACKWARD.allows(V2_REQUIRED, List.of(V1))).isFalse();
    assertThat(CompatibilityLevel.FORWARD.allows(V2_REQUIRED, List.of(V1))).isTrue();
    assertThat(CompatibilityLevel.FULL.allows(V2_OPTIONAL, List.of(V1))).isTrue();
    assertThat(CompatibilityLevel.NONE.allows(V2_REQUIRED, List.of(V1))).isTrue();
  }

  @Test
  void transitiveLevelsCheckEveryVersion() {
    List<Schema> history = List.of(V1, V2_DEFAULTED);

    assertThat(CompatibilityLevel.FORWARD.allows(V3_DROPPED, history)).isTrue();
    assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.allows(V3_DROPPED, history)).isFalse();
  }

  @Test
  void parsesNamesCaseInsensitively() {
    assertThat(CompatibilityLevel.parse(" full_transitive ")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThatThrownBy(() -> CompatibilityLevel.parse("FULLY"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown compatibility level 'FULLY', expected one of NONE, BACKWARD");
  }
}
