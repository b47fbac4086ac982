package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowValidatorTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final long YEAR_2000 = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

  private final RowValidator validator =
      new RowValidator(YEAR_2000, Duration.ofHours(1).toMillis(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void turnsAValidRowIntoTheBillingEvent() {
    RowValidator.Checked checked = validator.check(row(Map.of()));

    assertThat(checked.ok()).isTrue();
    assertThat(checked.event()).isEqualTo(BillingEvent.newBuilder()
        .setLineItemId("li-1")
        .setEndpointId("ep-a")
        .setUsageStart(Instant.parse("2026-11-02T10:00:00Z"))
        .setUsageEnd(Instant.parse("2026-11-02T11:00:00Z"))
        .setCategory(BillingCategory.COMPUTE)
        .setInstanceType("nvidia-l4")
        .setRegion("us-east-1")
        .setQuantity(1.0)
        .setUnit("instance-hour")
        .setCostUsd(1.2)
        .build());
  }

  @Test
  void acceptsEpochMillisOffsetsAnyCaseCategoriesAndAnEmptyInstanceTypeAsNone() {
    RowValidator.Checked checked = validator.check(row(Map.of(
        "usage_start", "1793613600000", "usage_end", "2026-11-02T12:00:00+01:00", "category", "cold_start_transfer",
        "instance_type", "")));

    assertThat(checked.ok()).isTrue();
    assertThat(checked.event().getUsageStart()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    assertThat(checked.event().getUsageEnd()).isEqualTo(Instant.parse("2026-11-02T11:00:00Z"));
    assertThat(checked.event().getCategory()).isEqualTo(BillingCategory.COLD_START_TRANSFER);
    assertThat(checked.event().getInstanceType()).isNull();
  }

  @Test
  void namesTheFieldAndWhatIsWrongForEachKindOfBadRow() {
    assertThat(problem("line_item_id", null)).isEqualTo("line_item_id: missing");
    assertThat(problem("endpoint_id", "")).isEqualTo("endpoint_id: missing");
    assertThat(problem("endpoint_id", "x".repeat(257))).isEqualTo("endpoint_id: blank or longer than 256 characters");
    assertThat(problem("usage_start", "yesterday")).isEqualTo(
        "usage_start: not an ISO-8601 instant like 2026-11-02T10:00:00Z nor epoch milliseconds: 'yesterday'");
    assertThat(problem("usage_start", "2026-11-02")).isEqualTo(
        "usage_start: not an ISO-8601 instant like 2026-11-02T10:00:00Z nor epoch milliseconds: '2026-11-02'");
    assertThat(problem("usage_start", "1793613600000.5"))
        .isEqualTo("usage_start: not whole epoch milliseconds: '1793613600000.5'");
    assertThat(problem("usage_end", "2026-11-02T09:00:00Z"))
        .isEqualTo("usage_end: before usage_start (2026-11-02T10:00:00Z)");
    assertThat(problem("category", "GPU"))
        .isEqualTo("category: 'GPU' is not one of COMPUTE, COLD_START_TRANSFER, EGRESS, STORAGE, OTHER");
    assertThat(problem("quantity", "abc")).isEqualTo("quantity: not a number: 'abc'");
    assertThat(problem("quantity", "-1")).isEqualTo("quantity: negative or not finite: -1.0");
    assertThat(problem("cost_usd", "NaN")).isEqualTo("cost_usd: negative or not finite: NaN");
    assertThat(problem("cost_usd", "-0.5")).isEqualTo("cost_usd: negative or not finite: -0.5");
    assertThat(problem("region", "r".repeat(257))).isEqualTo("region: longer than 256 characters");
    assertThat(problem("unit", null)).isEqualTo("unit: missing");
  }

  @Test
  void rejectsTimesThePipelineWouldDeadLetter() {
    assertThat(problem("usage_start", "1999-12-31T23:00:00Z"))
        .isEqualTo("usage_start: 1999-12-31T23:00:00Z is before 2000-01-01T00:00:00Z");
    Map<String, String> future = new LinkedHashMap<>();
    future.put("usage_start", "2026-11-20T12:30:00Z");
    future.put("usage_end", "2026-11-20T13:30:00Z");
    assertThat(validator.check(row(future)).problem()).isEqualTo(RowProblem.of("usage_end",
        "2026-11-20T13:30:00Z is in the future (more than 60 min after 2026-11-20T12:00:00Z)"));
    future.put("usage_end", "2026-11-20T13:00:00Z");
    assertThat(validator.check(row(future)).ok()).isTrue();
  }

  @Test
  void passesOnTheReadersOwnProblem() {
    RowProblem unreadable = RowProblem.ofRow("3 cells, but the header has 10 columns");
    ExportRow row = new ExportRow(Path.of("bill.csv"), 7, java.util.List.of("a", "b", "c"), null, Map.of(), unreadable);

    assertThat(validator.check(row).problem()).isEqualTo(unreadable);
    assertThat(unreadable.describe("bill.csv", 7)).isEqualTo("bill.csv:7: 3 cells, but the header has 10 columns");
    assertThat(RowProblem.of("usage_end", "before usage_start").describe("bill-2026-11.csv", 17))
        .isEqualTo("bill-2026-11.csv:17: usage_end: before usage_start");
  }

  private String problem(String field, String value) {
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put(field, value);
    RowValidator.Checked checked = validator.check(row(changes));
    assertThat(checked.ok()).as("%s=%s is rejected", field, value).isFalse();
    assertThat(checked.event()).isNull();
    return checked.problem().field() + ": " + checked.problem().message();
  }

  private static ExportRow row(Map<String, String> changes) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("line_item_id", "li-1");
    values.put("endpoint_id", "ep-a");
    values.put("usage_start", "2026-11-02T10:00:00Z");
    values.put("usage_end", "2026-11-02T11:00:00Z");
    values.put("category", "COMPUTE");
    values.put("instance_type", "nvidia-l4");
    values.put("region", "us-east-1");
    values.put("quantity", "1");
    values.put("unit", "instance-hour");
    values.put("cost_usd", "1.2");
    values.putAll(changes);
    return new ExportRow(Path.of("bill.csv"), 2, null, null, values, null);
  }
}
