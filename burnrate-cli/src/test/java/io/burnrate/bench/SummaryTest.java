package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void anOddCountHasItsMiddleValueAsMedian() {
    assertThat(Summary.of(List.of(5.0, 1.0, 3.0, 9.0, 7.0))).isEqualTo(new Summary(1.0, 5.0, 9.0, 5));
  }

  @Test
  void anEvenCountHasTheMeanOfTheMiddleTwoAsMedian() {
    assertThat(Summary.of(List.of(4, 1, 3, 10))).isEqualTo(new Summary(1.0, 3.5, 10.0, 4));
  }

  @Test
  void oneValueIsItsOwnMinMedianAndMax() {
    assertThat(Summary.of(List.of(42L))).isEqualTo(new Summary(42.0, 42.0, 42.0, 1));
  }

  @Test
  void noValueIsAnError() {
    assertThatThrownBy(() -> Summary.of(List.of())).hasMessageContaining("at least one");
  }
}
