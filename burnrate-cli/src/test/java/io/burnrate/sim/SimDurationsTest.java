package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimDurationsTest {

  @Test
  void readsShortAndIsoForms() {
    assertThat(SimDurations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(SimDurations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(SimDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(SimDurations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(SimDurations.parse("PT6H")).isEqualTo(Duration.ofHours(6));
    assertThat(SimDurations.parse("p2d")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void saysWhatIsAllowed() {
    for (String bad : new String[] {"", "3x", "1d2", "h", "-1h", "PT"}) {
      assertThatThrownBy(() -> SimDurations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a duration such as 1d, 7d, 6h");
    }
  }

  @Test
  void formatsShortly() {
    assertThat(SimDurations.format(Duration.ofMinutes(150))).isEqualTo("2h30m");
    assertThat(SimDurations.format(Duration.ofDays(366))).isEqualTo("366d");
  }

  @Test
  void scenarioSpecsNameTheEndpointAndTheTime() {
    Instant start = Instant.parse("2026-11-02T00:00:00Z");
    ScenarioSpec spec = ScenarioSpec.parse("death_spiral:5@9h+3h");
    assertThat(spec).isEqualTo(new ScenarioSpec(Scenario.DEATH_SPIRAL, "5", "9h", Duration.ofHours(3)));

    SimulationPlan.Builder builder = SimulationPlan.builder().start(start);
    spec.addTo(builder, start);
    ScenarioSpec.parse("TRAFFIC_SURGE:ep-00007@2026-11-02T15:00:00Z+1h").addTo(builder, start);
    ScenarioSpec.parse("PRICIER_REGION:9").addTo(builder, start);
    SimulationPlan plan = builder.build();

    assertThat(plan.scenarios()).containsExactly(
        new ScenarioWindow(Scenario.PRICIER_REGION, 9, start.toEpochMilli(), plan.end().toEpochMilli()),
        new ScenarioWindow(Scenario.DEATH_SPIRAL, 5, start.plus(Duration.ofHours(9)).toEpochMilli(),
            start.plus(Duration.ofHours(12)).toEpochMilli()),
        new ScenarioWindow(Scenario.TRAFFIC_SURGE, 7, start.plus(Duration.ofHours(15)).toEpochMilli(),
            start.plus(Duration.ofHours(16)).toEpochMilli()));
  }

  @Test
  void badScenarioSpecsSayWhy() {
    assertThatThrownBy(() -> ScenarioSpec.parse("FOO:3")).hasMessageContaining("unknown scenario 'FOO'")
        .hasMessageContaining("DEATH_SPIRAL, RUNAWAY_SCALING");
    assertThatThrownBy(() -> ScenarioSpec.parse("DEATH_SPIRAL")).hasMessageContaining("NAME:ENDPOINT[@START][+DURATION]");
    assertThatThrownBy(() -> ScenarioSpec.parse("DEATH_SPIRAL:1+soon")).hasMessageContaining("'soon' is not a duration");
    ScenarioSpec noon = ScenarioSpec.parse("DEATH_SPIRAL:1@noon+1h");
    assertThatThrownBy(() -> noon.addTo(SimulationPlan.builder(), SimulationPlan.DEFAULT_START))
        .hasMessageContaining("'noon' is neither an ISO-8601 instant");
  }
}
