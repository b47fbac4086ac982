package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.burnrate.meter.PriceTable;
import io.burnrate.rules.EndpointHour;
import io.burnrate.rules.RegionalCostVariance;
import io.burnrate.rules.RegionalEpisode;
import io.burnrate.rules.RegionalEpisodes;
import io.burnrate.rules.RegionalHour;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The binary form of closed hours on the repartition topic, of regional hours and of episodes in
 * their stores, and the hours the per-hour lifecycle stored (format 1) read after the upgrade.
 */
class RegionalCostVarianceCodecTest {
  private static final long HOUR = 3_600_000L;
  /** 2026-03-02T10:00:00Z. */
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
  void aRegionalHourRoundTripsWithItsFiguresFlagsAndCoveredEndpoints() {
    RegionalHour hour = new RegionalHour("nvidia-l4", H10);
    hour.endpoints.put(OWNED.endpointId(), OWNED);
    hour.endpoints.put(UNOWNED.endpointId(), UNOWNED);
    hour.covered.add("ep-eu");
    hour.legacyAlerts.put("ep-old", new RegionalHour.Fired(0.3, 1.0));
    hour.compared = true;

    byte[] bytes = RegionalCodec.encode(hour);
    RegionalHour back = RegionalCodec.decodeRegionalHour(bytes);

    assertThat(bytes[0]).isEqualTo((byte) 2);
    assertThat(back.instanceType).isEqualTo("nvidia-l4");
    assertThat(back.hourStart).isEqualTo(H10);
    assertThat(back.compared).isTrue();
    assertThat(back.nextCompared).isFalse();
    assertThat(back.endpoints).isEqualTo(hour.endpoints);
    assertThat(back.covered).containsExactly("ep-eu");
    assertThat(back.legacyAlerts).isEqualTo(hour.legacyAlerts);
    assertThat(RegionalCodec.encode(back)).isEqualTo(bytes);
  }

  @Test
  void anEpisodeRoundTripsOpenAndClosed() {
    RegionalEpisode episode = new RegionalEpisode("nvidia-l4", "ep-eu");
    episode.announcedDays.add(H10 - 10 * HOUR);
    RegionalEpisode closed = RegionalCodec.decodeRegionalEpisode(RegionalCodec.encode(episode));
    assertThat(closed.open()).isFalse();
    assertThat(closed.instanceType).isEqualTo("nvidia-l4");
    assertThat(closed.endpointId).isEqualTo("ep-eu");
    assertThat(closed.announcedDays).containsExactly(H10 - 10 * HOUR);

    episode.startHour = H10;
    episode.lastBreachHour = H10 + 2 * HOUR;
    episode.breachHours = 2;
    episode.lastHour = H10 + 3 * HOUR;
    episode.clearHours = 1;
    episode.announced = true;
    episode.threshold = 0.3;
    episode.baselineUsdPerHour = 1.25;
    episode.region = "eu-west-1";
    byte[] bytes = RegionalCodec.encode(episode);
    RegionalEpisode open = RegionalCodec.decodeRegionalEpisode(bytes);
    assertThat(open).usingRecursiveComparison().isEqualTo(episode);
    assertThat(RegionalCodec.encode(open)).isEqualTo(bytes);
    episode.owner = "team-eu";
    assertThat(RegionalCodec.decodeRegionalEpisode(RegionalCodec.encode(episode)))
        .usingRecursiveComparison().isEqualTo(episode);
    assertThat(RegionalCodec.regionalEpisodes().serializer().serialize("t", null)).isNull();
    assertThat(RegionalCodec.regionalEpisodes().deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void anUnknownFormatOrTruncatedBytesFailWithWhatTheyWere() {
    byte[] bytes = RegionalCodec.encode(OWNED);
    bytes[0] = 9;
    assertThatThrownBy(() -> RegionalCodec.decodeEndpointHour(bytes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown closed endpoint hour format 9");
    byte[] hour = RegionalCodec.encode(new RegionalHour("nvidia-l4", H10));
    hour[0] = 3;
    assertThatThrownBy(() -> RegionalCodec.decodeRegionalHour(hour))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown regional hour format 3, expected 1 or 2");
    byte[] truncated = Arrays.copyOf(RegionalCodec.encode(new RegionalHour("nvidia-l4", H10)), 5);
    assertThatThrownBy(() -> RegionalCodec.decodeRegionalHour(truncated))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("regional hour");
    byte[] episode = Arrays.copyOf(RegionalCodec.encode(new RegionalEpisode("nvidia-l4", "ep")), 4);
    assertThatThrownBy(() -> RegionalCodec.decodeRegionalEpisode(episode))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("regional episode");
  }

  // ---- format 1, as the per-hour lifecycle wrote it ----

  /** 10:00 compared with ep-eu alerted on, not resolved; 09:00 compared and resolved; 11:00 waiting. */
  private static List<RegionalHour> formatOneHours() throws Exception {
    try (InputStream in = RegionalCostVarianceCodecTest.class.getResourceAsStream("/topology/regional-hour-format-1.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
          .filter(line -> !line.startsWith("#"))
          .map(line -> Base64.getDecoder().decode(line.trim()))
          .peek(bytes -> assertThat(bytes[0]).isEqualTo((byte) 1))
          .map(RegionalCodec::decodeRegionalHour)
          .toList();
    }
  }

  @Test
  void hoursStoredByThePerHourLifecycleAreStillRead() throws Exception {
    List<RegionalHour> hours = formatOneHours();
    assertThat(hours).extracting(h -> h.hourStart, h -> h.compared, h -> h.nextCompared)
        .containsExactly(tuple(H10, true, false), tuple(H10 - HOUR, true, true), tuple(H10 + HOUR, false, false));
    RegionalHour open = hours.get(0);
    assertThat(open.instanceType).isEqualTo("nvidia-l4");
    assertThat(open.endpoints.keySet()).containsExactly("ep-eu", "ep-us");
    assertThat(open.endpoints.get("ep-eu")).isEqualTo(OWNED);
    assertThat(open.legacyAlerts).containsExactly(Map.entry("ep-eu", new RegionalHour.Fired(0.3, 1.0)));
    assertThat(open.covered).isEmpty();
    assertThat(hours.get(2).endpoints.get("ep-us").threshold()).isNaN();
    assertThat(hours.get(2).legacyAlerts).isEmpty();
  }

  @Test
  void anAlertOpenAtTheUpgradeBecomesAnEpisodeThatResolvesWithItsOwnId() throws Exception {
    RegionalCostVariance rule = new RegionalCostVariance(new PriceTable(Map.of(), Map.of("eu-west-1", 1.25)),
        11 * 60_000L, 48 * HOUR, RegionalCostVariance.DEFAULT_HYSTERESIS, RegionalCostVariance.DEFAULT_CLEAR_HOURS);
    RegionalEpisodes episodes = RegionalEpisodes.inMemory();
    List<RegionalHour> hours = new ArrayList<>(formatOneHours());
    hours.sort((a, b) -> Long.compare(a.hourStart, b.hourStart));
    // 11:00: ep-eu no dearer than ep-us at base rates.
    hours.get(2).endpoints.put("ep-eu",
        new EndpointHour("ep-eu", H10 + HOUR, "nvidia-l4", "eu-west-1", "team-eu", 1_250_000, HOUR, 0.3));

    List<CostAlert> alerts = new ArrayList<>();
    long settled = rule.comparedAt(H10 + HOUR);
    for (RegionalHour hour : hours) {
      alerts.addAll(rule.onSettled(hour, settled, episodes));
      assertThat(hour.legacyAlerts).isEmpty();
    }
    alerts.addAll(rule.settleEpisodes(episodes, settled));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.getAlertId()).isEqualTo(RegionalCostVariance.alertId("ep-eu", H10));
      assertThat(a.getWindowStart()).isEqualTo(Instant.ofEpochMilli(H10));
      assertThat(a.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(H10 + HOUR));
      assertThat(a.getThreshold()).isEqualTo(0.3);
      assertThat(a.getBaseline()).isEqualTo(1.0);
      assertThat(a.getOwner()).isEqualTo("team-eu");
      assertThat(a.getDetectedAt()).isEqualTo(Instant.ofEpochMilli(settled));
    });
    assertThat(hours.get(0).covered).containsExactly("ep-eu");
    assertThat(hours.get(1).covered).containsExactly("ep-eu");
    // The per-hour lifecycle advised ep-eu on 2026-03-02: a new episode that day stays silent.
    assertThat(episodes.get("nvidia-l4", "ep-eu").announcedDays)
        .containsExactly(RegionalCostVariance.adviceDay(H10));
    assertThat(RegionalCodec.decodeRegionalHour(RegionalCodec.encode(hours.get(0))).legacyAlerts).isEmpty();
  }
}
