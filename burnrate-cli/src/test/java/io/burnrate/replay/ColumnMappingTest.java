package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

  @Test
  void aFieldNotMappedIsReadFromTheColumnOfItsOwnName() {
    ColumnMapping mapping = ColumnMapping.of(Map.of("cost_usd", "lineItem/UnblendedCost"));

    assertThat(mapping.columnOf("cost_usd")).isEqualTo("lineItem/UnblendedCost");
    assertThat(mapping.isMapped("cost_usd")).isTrue();
    assertThat(mapping.columnOf("endpoint_id")).isEqualTo("endpoint_id");
    assertThat(mapping.isMapped("endpoint_id")).isFalse();
  }

  @Test
  void anUnknownTargetFieldIsRefusedWithTheListOfFields() {
    assertThatThrownBy(() -> ColumnMapping.of(Map.of("cost", "lineItem/UnblendedCost")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--map cost=lineItem/UnblendedCost: 'cost' is no billing field; the fields are line_item_id,"
            + " endpoint_id, usage_start, usage_end, category, instance_type, region, quantity, unit, cost_usd");
  }

  @Test
  void anEmptyColumnIsRefused() {
    assertThatThrownBy(() -> ColumnMapping.of(Map.of("cost_usd", " ")))
        .hasMessage("--map cost_usd=: name the export's column after the '='");
  }
}
