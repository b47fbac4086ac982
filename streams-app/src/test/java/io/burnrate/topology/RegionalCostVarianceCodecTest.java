package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.RegionalHour;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The binary form of closed hours on the repartition topic and of regional hours in their store. */
class RegionalCostVarianceCodecTest {
  private static final long H10 = 1_772_445_600_000L;

  private static final EndpointHour OWNED =
      new EndpointHour("ep-eu", H10, "nvidia-l4", "eu-west-1", "team-eu", 2_000_000, 3_600_000, 0.3);
  private static final EndpointHour UNOWNED =
      new EndpointHour("ep-us", H10, "nvidia-l4", "us-east-1", null, 1_000_000, 1_800_000, Double.NaN);

  @Test
  void aClosedHourRoundTripsWithAndWithoutOwner() {
    assertThat(RegionalCodec.decodeEndpointHour(RegionalCodec.encode(OWNED))).isEqualTo(OWNED);
    assertThat(RegionalCodec.decodeEndpointHour(RegionalCodec.encode(UNOWNED))).isEqualTo(UNOWNED);
    assertThat(RegionalCodec.endpointHours().serializer().serialize("t", null)).isNull();
    assertThat(RegionalCodec.endpointHours().deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void aRegionalHourRoundTripsWithItsFiguresFlagsAndAlerts() {
    RegionalHour hour = new RegionalHour("nvidia-l4", H10);
    hour.endpoints.put(OWNED.endpointId(), OWNED);
    hour.endpoints.put(UNOWNED.endpointId(), UNOWNED);
    hour.fired.put("ep-eu", new RegionalHour.Fired(0.3, 1.0));
    hour.compared = true;

    RegionalHour back = RegionalCodec.decodeRegionalHour(RegionalCodec.encode(hour));

    assertThat(back.instanceType).isEqualTo("nvidia-l4");
    assertThat(back.hourStart).isEqualTo(H10);
    assertThat(back.compared).isTrue();
    assertThat(back.resolved).isFalse();
    assertThat(back.endpoints).isEqualTo(hour.endpoints);
    assertThat(back.fired).isEqualTo(hour.fired);
    assertThat(RegionalCodec.encode(back)).isEqualTo(RegionalCodec.encode(hour));
  }

  @Test
  void anUnknownFormatOrTruncatedBytesFailWithWhatTheyWere() {
    byte[] bytes = RegionalCodec.encode(OWNED);
    bytes[0] = 9;
    assertThatThrownBy(() -> RegionalCodec.decodeEndpointHour(bytes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown closed endpoint hour format 9");
    byte[] truncated = Arrays.copyOf(RegionalCodec.encode(new RegionalHour("nvidia-l4", H10)), 5);
    assertThatThrownBy(() -> RegionalCodec.decodeRegionalHour(truncated))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("regional hour");
  }
}
