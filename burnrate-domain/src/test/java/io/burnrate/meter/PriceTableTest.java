package io.burnrate.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  private final PriceTable table = PriceTable.defaults();

  @Test
  void listPriceInUsEastIsTheBasePrice() {
    assertThat(table.priceUsd("nvidia-l4", "us-east-1")).isEqualTo(1.20);
    assertThat(table.priceUsd("nvidia-t4", "us-east-1")).isEqualTo(0.50);
    assertThat(table.priceUsd("nvidia-h100x8", "us-east-1")).isEqualTo(80.0);
    assertThat(table.priceUsd("cpu-x1", "us-east-1")).isEqualTo(0.032);
  }

  @Test
  void otherRegionsPayTheirMultiplier() {
    assertThat(table.priceUsd("nvidia-l4", "eu-west-1")).isCloseTo(1.50, within(1e-12));
    assertThat(table.priceUsd("nvidia-t4", "ap-southeast-1")).isCloseTo(0.70, within(1e-12));
    assertThat(table.priceUsd("nvidia-t4", "us-west-2")).isCloseTo(0.55, within(1e-12));
  }

  @Test
  void unknownRegionPaysTheBasePrice() {
    assertThat(table.regionMultiplier("mars-north-1")).isEqualTo(1.0);
    assertThat(table.priceUsd("nvidia-l4", "mars-north-1")).isEqualTo(1.20);
  }

  @Test
  void unknownInstanceTypeHasNoPrice() {
    assertThat(table.priceUsd("tpu-v5e", "us-east-1")).isNull();
  }

  @Test
  void tableIsACopyOfWhatItWasGiven() {
    Map<String, Double> prices = new HashMap<>(Map.of("gpu-x", 2.0));
    PriceTable custom = new PriceTable(prices, Map.of());
    prices.put("gpu-x", 99.0);

    assertThat(custom.priceUsd("gpu-x", "anywhere")).isEqualTo(2.0);
    assertThatThrownBy(() -> custom.usdPerHour().put("gpu-y", 1.0)).isInstanceOf(UnsupportedOperationException.class);
  }
}
