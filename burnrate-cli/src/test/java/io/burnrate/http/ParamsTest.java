package io.burnrate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static final long TEN = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

  private static Long from(String rawQuery) {
    return Params.instant(ApiRequest.parse("GET", "/x", rawQuery, null), "from");
  }

  @Test
  void readsEpochMillisAndIsoInstantsAndOffsets() {
    assertThat(from("from=" + TEN)).isEqualTo(TEN);
    assertThat(from("from=2026-03-02T10:00:00Z")).isEqualTo(TEN);
    assertThat(from("from=2026-03-02T10:00:00.000Z")).isEqualTo(TEN);
    assertThat(from("from=2026-03-02T11:00:00%2B01:00")).isEqualTo(TEN);
    assertThat(from("from=-1")).isEqualTo(-1L);
  }

  @Test
  void anOffsetWhosePlusWasNotEncodedStillReads() {
    assertThat(from("from=2026-03-02T11:00:00+01:00")).isEqualTo(TEN);
  }

  @Test
  void absentOrEmptyIsNull() {
    assertThat(from(null)).isNull();
    assertThat(from("from=")).isNull();
  }

  @Test
  void anythingElseIsA400NamingTheParameterAndTheFormsAccepted() {
    for (String bad : new String[] {"from=yesterday", "from=2026-03-02", "from=99999999999999999999"}) {
      assertThatThrownBy(() -> from(bad))
          .isInstanceOfSatisfying(HttpProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(Client.parse(p.reply().bodyText())).containsEntry("parameter", "from");
          })
          .hasMessageContaining("ISO-8601")
          .hasMessageContaining("epoch milliseconds");
    }
  }
}
