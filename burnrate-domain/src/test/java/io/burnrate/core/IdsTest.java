package io.burnrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void sameContentGivesTheSameNameBasedUuid() {
    String id = Ids.nameBased("ep-chat", "DAILY_BUDGET_120", LocalDate.parse("2025-06-02"));

    assertThat(Ids.nameBased("ep-chat", "DAILY_BUDGET_120", LocalDate.parse("2025-06-02"))).isEqualTo(id);
    assertThat(UUID.fromString(id).version()).isEqualTo(3);
  }

  @Test
  void differentContentGivesDifferentIds() {
    assertThat(Ids.nameBased("ep-chat", "DAILY_BUDGET_120", "2025-06-02"))
        .isNotEqualTo(Ids.nameBased("ep-chat", "DAILY_BUDGET_120", "2025-06-03"))
        .isNotEqualTo(Ids.nameBased("ep-chat", "DAILY_BUDGET_150", "2025-06-02"));
  }

  @Test
  void partsAreSeparatedSoThatTheirBoundariesMatter() {
    assertThat(Ids.nameBased("ab", "c")).isNotEqualTo(Ids.nameBased("a", "bc"));
  }
}
