package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnrate.schema.BillingCategory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bills agree with the replica events: per endpoint and hour, compute and cold-start transfer. */
class BillingLinesTest {
  private static final double MICRO = 1e-6;
  private static final long HOUR = 3_600_000;

  @Test
  void computeLineIsReplicaTimeTimesThePriceWithinAMicroDollar() {
    for (FleetStats.EndpointStats endpoint : DefaultMixDay.STATS.endpoints().values()) {
      boolean premium = endpoint.config.getEndpointId().equals(SimIds.endpointId(DefaultMixDay.PRICIER));
      double price = endpoint.config.getHourlyPriceUsd() * (premium ? ScenarioEffects.PRICIER_REGION_PREMIUM : 1.0);
      Map<Long, Long> replicaMs = endpoint.replicaMsByHour();
      assertThat(replicaMs).as(endpoint.config.getEndpointId()).hasSize(24);
      replicaMs.forEach((hour, ms) -> {
        Map<BillingCategory, Double> billed = endpoint.billedByHour.get(hour);
        assertThat(billed).as("%s hour %d", endpoint.config.getEndpointId(), hour).isNotNull();
        assertThat(billed.get(BillingCategory.COMPUTE)).as("%s hour %d", endpoint.config.getEndpointId(), hour)
            .isCloseTo(ms / 1000.0 * price / 3600, within(MICRO));
        assertThat(endpoint.computeHoursByHour.get(hour)).isCloseTo(ms / (double) HOUR, within(MICRO));
        assertThat(endpoint.linesByHour.get(hour).get(BillingCategory.COMPUTE)).isEqualTo(1);
      });
    }
  }

  @Test
  void coldStartTransferLineIsTheDownloadedGigabytesTimesNineCents() {
    int hoursWithTransfer = 0;
    for (FleetStats.EndpointStats endpoint : DefaultMixDay.STATS.endpoints().values()) {
      for (Map.Entry<Long, Long> hour : endpoint.transferMicrosByHour.entrySet()) {
        assertThat(endpoint.billedByHour.get(hour.getKey()).get(BillingCategory.COLD_START_TRANSFER))
            .as("%s hour %d", endpoint.config.getEndpointId(), hour.getKey())
            .isCloseTo(hour.getValue() / 1e6, within(MICRO));
        hoursWithTransfer++;
      }
      endpoint.billedByHour.forEach((hour, categories) -> {
        if (categories.containsKey(BillingCategory.COLD_START_TRANSFER)) {
          assertThat(endpoint.transferMicrosByHour).as("a transfer line only where a cold start was").containsKey(hour);
        }
      });
    }
    assertThat(hoursWithTransfer).isGreaterThan(10);
  }

  @Test
  void lineItemIdsAreUnique() {
    List<String> ids = new ArrayList<>();
    DefaultMixDay.STATS.endpoints().values().forEach(endpoint -> ids.addAll(endpoint.lineItemIds));
    assertThat(ids).hasSizeGreaterThan(7 * 24);
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }

  @Test
  void billsAppearOneToTwoHoursAfterTheHourTheyCover() {
    for (FleetStats.EndpointStats endpoint : DefaultMixDay.STATS.endpoints().values()) {
      assertThat(endpoint.billDelays).as(endpoint.config.getEndpointId())
          .allSatisfy(delay -> assertThat(delay).isBetween(HOUR, 2 * HOUR));
    }
    assertThat(DefaultMixDay.STATS.inAppearanceOrder).isTrue();
  }
}
