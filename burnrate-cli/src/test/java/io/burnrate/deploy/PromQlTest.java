package io.burnrate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void findsTheMetricsNotTheFunctionsLabelsOrKeywords() {
    assertThat(PromQl.metricNames("sum by (rule, severity) (burnrate_alerts_active)"))
        .containsExactly("burnrate_alerts_active");
    assertThat(PromQl.metricNames(
        "sum by (rule) (increase(burnrate_alerts_total{status=\"FIRING\", rule=~\"DAILY.*\"}[1h]))"))
        .containsExactly("burnrate_alerts_total");
    assertThat(PromQl.metricNames("rate(a_total[5m] offset 1h) / on (job) group_left (x) b_gauge > bool 0"))
        .containsExactly("a_total", "b_gauge");
    assertThat(PromQl.metricNames("max(kafka_x) without (client_id) or vector(0)"))
        .containsExactly("kafka_x");
    assertThat(PromQl.metricNames("{__name__=\"weird\"}")).isEmpty();
  }
}
