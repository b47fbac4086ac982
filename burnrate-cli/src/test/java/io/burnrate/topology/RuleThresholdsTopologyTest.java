package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.testing.Records;
import static io.burnrate.testing.Records.at;
import static io.burnrate.testing.Records.bill;
import static io.burnrate.testing.Records.config;
import static io.burnrate.testing.Records.replica;
import static io.burnrate.testing.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.ReplicaEventType;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the detection pipeline through the whole topology, just below, exactly at and just
 * above its threshold: only above fires (exactly at the threshold never fires).
 */
class RuleThresholdsTopologyTest {
  private static final double CENT = 0.01;

  enum Side { BELOW, AT, ABOVE }

  static Stream<Arguments> cases() {
    return Stream.of(AlertRule.HOURLY_SPEND_RATE, AlertRule.DAILY_BUDGET_120, AlertRule.DAILY_BUDGET_150,
            AlertRule.DAILY_BUDGET_200, AlertRule.COLD_START_FREQUENCY, AlertRule.RUNAWAY_SCALING,
            AlertRule.COST_PER_REQUEST_RISING)
        .flatMap(rule -> Stream.of(Side.values()).map(side -> Arguments.of(rule, side)));
  }

  @ParameterizedTest(name = "{0} {1} its threshold")
  @MethodSource("cases")
  void onlyAboveTheThresholdFires(AlertRule rule, Side side) {
    // COST_PER_REQUEST_RISING against the trailing closed hours: a seasonal baseline needs days.
    try (PipelineDriver d = new PipelineDriver(Map.of(BurnrateConfig.BASELINE_TRAILING_FALLBACK, "true"))) {
      scenario(rule).accept(d, side);
      long firing = d.alerts().stream()
          .filter(a -> a.getRule() == rule && a.getStatus() == AlertStatus.FIRING).count();
      assertThat(firing).isEqualTo(side == Side.ABOVE ? 1 : 0);
    }
  }

  private static double offset(Side side, double step) {
    return switch (side) {
      case BELOW -> -step;
      case AT -> 0;
      case ABOVE -> step;
    };
  }

  private static BiConsumer<PipelineDriver, Side> scenario(AlertRule rule) {
    return switch (rule) {
      // $240 a day: the hourly rate is $10; one bill inside the hour.
      case HOURLY_SPEND_RATE -> (d, side) -> {
        d.config(config("ep").setDailyBudgetUsd(240.0).setHourlyPriceUsd(null).build());
        d.bill(bill("ep", "li", at("10:00"), at("10:30"), 10.0 + offset(side, CENT)).build());
      };
      case DAILY_BUDGET_120, DAILY_BUDGET_150, DAILY_BUDGET_200 -> (d, side) -> {
        double factor = rule == AlertRule.DAILY_BUDGET_120 ? 1.2 : rule == AlertRule.DAILY_BUDGET_150 ? 1.5 : 2.0;
        d.config(config("ep").setDailyBudgetUsd(100.0).setHourlyPriceUsd(null).build());
        d.bill(bill("ep", "li", at("01:00"), at("04:00"), 100.0 * factor + offset(side, CENT)).build());
      };
      // Ten cold starts in 60 minutes is the limit.
      case COLD_START_FREQUENCY -> (d, side) -> {
        d.config(config("ep").build());
        int coldStarts = 10 + (int) offset(side, 1);
        for (int i = 0; i < coldStarts; i++) {
          Instant up = at("10:00").plusSeconds(i * 180L);
          d.replica(replica("ep", up, "r" + i, ReplicaEventType.SCALE_UP, 1).setColdStart(true).build());
          d.replica(replica("ep", up.plusSeconds(60), "r" + i, ReplicaEventType.SCALE_DOWN, 0).build());
        }
      };
      // expected_max_replicas 4.
      case RUNAWAY_SCALING -> (d, side) -> {
        d.config(config("ep").setExpectedMaxReplicas(4).build());
        int replicas = 4 + (int) offset(side, 1);
        for (int i = 1; i <= replicas; i++) {
          d.replica(replica("ep", at("10:00").plusSeconds(i * 10L), "r" + i, ReplicaEventType.SCALE_UP, i).build());
        }
      };
      // Three closed hours at $1 for 100 requests, then one at 1.5x that cost per request.
      case COST_PER_REQUEST_RISING -> (d, side) -> {
        d.config(config("ep").setDailyBudgetUsd(10_000.0).setHourlyPriceUsd(null).build());
        for (int hour = 0; hour < 4; hour++) {
          Instant start = at("00:00").plusSeconds(hour * 3600L);
          for (int i = 0; i < 100; i++) {
            d.request(request("ep", start.plusSeconds(i * 30L)).build());
          }
          double usd = hour < 3 ? 1.0 : 1.5 + offset(side, CENT);
          d.bill(bill("ep", "h" + hour, start, start.plusSeconds(3000), usd).build());
        }
        d.request(request("other", at("05:10")).build());
      };
      default -> throw new IllegalArgumentException("no scenario for " + rule);
    };
  }
}
