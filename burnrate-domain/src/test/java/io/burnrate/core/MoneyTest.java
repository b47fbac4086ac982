package io.burnrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void dollarsBecomeWholeMicroDollars() {
    assertThat(Money.micros(1.20)).isEqualTo(1_200_000);
    assertThat(Money.micros(0.1 + 0.2)).isEqualTo(300_000);
    assertThat(Money.micros(2.34)).isEqualTo(2_340_000);
    assertThat(Money.usd(1_500_000)).isEqualTo(1.5);
  }

  @Test
  void shareIsProRataAndRounded() {
    assertThat(Money.share(10_000_000, 1, 3)).isEqualTo(3_333_333);
    assertThat(Money.share(10_000_000, 2, 3)).isEqualTo(6_666_667);
    assertThat(Money.share(9_000_000, 40, 180)).isEqualTo(2_000_000);
    assertThat(Money.share(-9_000_000, 40, 180)).isEqualTo(-2_000_000);
  }

  @Test
  void shareOfNothingIsTheWhole() {
    assertThat(Money.share(5_000_000, 0, 0)).isEqualTo(5_000_000);
  }

  @Test
  void costForADurationOfAnHourlyPrice() {
    assertThat(Money.forDuration(1_200_000, Time.HOUR_MS)).isEqualTo(1_200_000);
    assertThat(Money.forDuration(1_200_000, 30 * Time.MINUTE_MS)).isEqualTo(600_000);
    assertThat(Money.forDuration(750_000, 20 * Time.MINUTE_MS)).isEqualTo(250_000);
    assertThat(Money.forDuration(80_000_000, 1)).isEqualTo(22); // 8xH100 for one millisecond
  }

  @Test
  void formatsCentsBelowAHundredDollarsAndWholeDollarsAbove() {
    assertThat(Money.format(1_500_000)).isEqualTo("$1.50");
    assertThat(Money.format(2_340_000)).isEqualTo("$2.34");
    assertThat(Money.format(150_000_000)).isEqualTo("$150");
    assertThat(Money.format(12_345_000_000L)).isEqualTo("$12,345");
  }
}
