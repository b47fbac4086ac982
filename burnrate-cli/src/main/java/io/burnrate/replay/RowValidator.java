package io.burnrate.replay;

import io.burnrate.ingest.Validation;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.BillingEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a row's text into a {@code BillingEvent} and checks it as the pipeline would: the contract's
 * checks ({@link Validation#check(BillingEvent)}) plus plausible event times, so that a row the
 * pipeline would dead-letter is rejected here, with the field and the reason, before it is sent.
 */
public final class RowValidator {
  private static final String CATEGORIES = Arrays.stream(BillingCategory.values())
      .map(Enum::name).collect(Collectors.joining(", "));
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private final long minEventTimeMs;
  private final long maxFutureSkewMs;
  private final Clock clock;

  /**
   * @param minEventTimeMs earliest plausible event time (the pipeline's: 2000-01-01)
   * @param maxFutureSkewMs how far past the clock a {@code usage_end} may lie
   * @param clock the wall clock the future is measured from
   */
  public RowValidator(long minEventTimeMs, long maxFutureSkewMs, Clock clock) {
    this.minEventTimeMs = minEventTimeMs;
    this.maxFutureSkewMs = maxFutureSkewMs;
    this.clock = clock;
  }

  /** The outcome for one row: the event to send, or why the row is rejected. */
  public record Checked(BillingEvent event, RowProblem problem) {
    public boolean ok() {
      return problem == null;
    }

    static Checked valid(BillingEvent event) {
      return new Checked(event, null);
    }

    static Checked rejected(RowProblem problem) {
      return new Checked(null, problem);
    }
  }

  public Checked check(ExportRow row) {
    if (row.problem() != null) {
      return Checked.rejected(row.problem());
    }
    try {
      BillingEvent event = parse(row.values());
      Optional<RowProblem> invalid = validate(event);
      return invalid.map(Checked::rejected).orElseGet(() -> Checked.valid(event));
    } catch (FieldException e) {
      return Checked.rejected(e.problem);
    }
  }

  private BillingEvent parse(Map<String, String> values) {
    String instanceType = values.get(BillingFields.INSTANCE_TYPE);
    return BillingEvent.newBuilder()
        .setLineItemId(required(values, BillingFields.LINE_ITEM_ID))
        .setEndpointId(required(values, BillingFields.ENDPOINT_ID))
        .setUsageStart(instant(values, BillingFields.USAGE_START))
        .setUsageEnd(instant(values, BillingFields.USAGE_END))
        .setCategory(category(values))
        .setInstanceType(instanceType == null || instanceType.isEmpty() ? null : instanceType)
        .setRegion(required(values, BillingFields.REGION))
        .setQuantity(number(values, BillingFields.QUANTITY))
        .setUnit(required(values, BillingFields.UNIT))
        .setCostUsd(number(values, BillingFields.COST_USD))
        .build();
  }

  private Optional<RowProblem> validate(BillingEvent event) {
    if (event.getUsageStart() != null && event.getUsageStart().toEpochMilli() < minEventTimeMs) {
      return Optional.of(RowProblem.of(BillingFields.USAGE_START,
          event.getUsageStart() + " is before " + Instant.ofEpochMilli(minEventTimeMs)));
    }
    Optional<String> field = Validation.check(event);
    if (field.isPresent()) {
      return Optional.of(RowProblem.of(field.get(), whyInvalid(field.get(), event)));
    }
    long latest = clock.millis() + maxFutureSkewMs;
    if (event.getUsageEnd().toEpochMilli() > latest) {
      return Optional.of(RowProblem.of(BillingFields.USAGE_END, event.getUsageEnd() + " is in the future (more than "
          + Duration.ofMillis(maxFutureSkewMs).toMinutes() + " min after " + Instant.ofEpochMilli(clock.millis())
          .truncatedTo(ChronoUnit.SECONDS) + ")"));
    }
    return Optional.empty();
  }

  private static String whyInvalid(String field, BillingEvent event) {
    return switch (field) {
      case BillingFields.LINE_ITEM_ID, BillingFields.ENDPOINT_ID ->
          "blank or longer than " + Validation.MAX_ID_LENGTH + " characters";
      case BillingFields.USAGE_END -> "before usage_start (" + event.getUsageStart() + ")";
      case BillingFields.USAGE_START -> event.getUsageStart() == null ? "missing"
          : "more than " + Validation.MAX_LINE_ITEM_SPAN.toDays() + " days before usage_end (" + event.getUsageEnd() + ")";
      case BillingFields.QUANTITY -> "negative or not finite: " + event.getQuantity();
      case BillingFields.COST_USD -> "negative or not finite: " + event.getCostUsd();
      case BillingFields.REGION, BillingFields.UNIT, BillingFields.INSTANCE_TYPE ->
          "longer than " + Validation.MAX_ID_LENGTH + " characters";
      default -> "missing or out of range";
    };
  }

  private static String required(Map<String, String> values, String field) {
    String value = values.get(field);
    if (value == null || value.isEmpty()) {
      throw new FieldException(field, "missing");
    }
    return value;
  }

  private static double number(Map<String, String> values, String field) {
    String text = required(values, field);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new FieldException(field, "not a number: '" + text + "'");
    }
  }

  private static BillingCategory category(Map<String, String> values) {
    String text = required(values, BillingFields.CATEGORY);
    try {
      return BillingCategory.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FieldException(BillingFields.CATEGORY, "'" + text + "' is not one of " + CATEGORIES);
    }
  }

  /** ISO-8601 with an offset ({@code 2026-11-02T10:00:00Z}) or epoch milliseconds. */
  private static Instant instant(Map<String, String> values, String field) {
    String text = required(values, field);
    if (looksNumeric(text)) {
      try {
        return Instant.ofEpochMilli(new BigDecimal(text).longValueExact());
      } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
        throw new FieldException(field, "not whole epoch milliseconds: '" + text + "'");
      }
    }
    try {
      return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      throw new FieldException(field, "not an ISO-8601 instant like 2026-11-02T10:00:00Z nor epoch milliseconds: '"
          + text + "'");
    }
  }

  private static boolean looksNumeric(String text) {
    return NUMBER.matcher(text).matches();
  }

  /** A field that cannot be parsed; caught in {@link #check}, never leaves this class. */
  private static final class FieldException extends RuntimeException {
    private final RowProblem problem;

    FieldException(String field, String message) {
      super(field + ": " + message, null, false, false);
      this.problem = RowProblem.of(field, message);
    }
  }
}
