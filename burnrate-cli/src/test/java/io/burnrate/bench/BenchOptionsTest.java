package io.burnrate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void guaranteesReadInEverySpellingWithExactlyOnceFirst() {
    assertThat(Guarantee.parse("both")).containsExactly(Guarantee.EXACTLY_ONCE, Guarantee.AT_LEAST_ONCE);
    assertThat(Guarantee.parse("exactly-once")).containsExactly(Guarantee.EXACTLY_ONCE);
    assertThat(Guarantee.parse("exactly_once_v2")).containsExactly(Guarantee.EXACTLY_ONCE);
    assertThat(Guarantee.parse(" At-Least-Once ")).containsExactly(Guarantee.AT_LEAST_ONCE);
    assertThat(Guarantee.EXACTLY_ONCE.setting()).isEqualTo("exactly_once_v2");
    assertThat(Guarantee.AT_LEAST_ONCE.setting()).isEqualTo("at_least_once");
  }

  @Test
  void anUnknownGuaranteeNamesWhatIsAllowed() {
    assertThatThrownBy(() -> Guarantee.parse("exactly-twice"))
        .hasMessageContaining("both, exactly-once or at-least-once").hasMessageContaining("exactly-twice");
  }

  @Test
  void durationsTakeMillisecondsAndTheSimulatorsForms() {
    assertThat(BenchDurations.parse("200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(BenchDurations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(BenchDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(BenchDurations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> BenchDurations.parse("soon")).hasMessageContaining("200ms");
  }

  @Test
  void everyRunHasItsOwnApplicationIdAndOutputsUnderTheBenchPrefix() {
    BenchTopics names = new BenchTopics("bench-abc.");
    var inputs = names.inputs("input");
    String appId = names.applicationId(AppKind.BURNRATE, Guarantee.EXACTLY_ONCE, "3");
    var topics = names.burnrateTopics(inputs, appId);

    assertThat(inputs.requests()).isEqualTo("bench-abc.input.inference.requests");
    assertThat(inputs.endpointConfig()).isEqualTo("bench-abc.input.endpoint.config");
    assertThat(appId).isEqualTo("bench-abc.burnrate-eos-3");
    assertThat(topics.requests()).isEqualTo(inputs.requests());
    assertThat(BenchTopics.outputsOf(topics)).containsExactly("bench-abc.burnrate-eos-3.cost.alerts",
        "bench-abc.burnrate-eos-3.scaling.commands", "bench-abc.burnrate-eos-3.cost.metrics.hourly",
        "bench-abc.burnrate-eos-3.burnrate.dlq");
    assertThat(names.passThroughOutput(names.applicationId(AppKind.BASELINE, Guarantee.AT_LEAST_ONCE, "1"),
        "inference.requests")).isEqualTo("bench-abc.baseline-alos-1.inference.requests");
    assertThat(List.of(BenchTopics.fresh().prefix())).allSatisfy(p -> assertThat(p).matches("bench-[0-9a-z]+\\."));
  }
}
