package io.burnrate.replay;

import io.burnrate.testing.Records;
import io.burnrate.core.Ids;
import io.burnrate.core.Money;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * A month of hourly COMPUTE line items for a fleet of endpoints, each with a daily budget; on some
 * days some endpoints spend 130 %, 170 % or 250 % of it. Knows the daily-budget alerts the pipeline
 * must raise for it.
 */
final class GeneratedExport {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration BILLING_GRACE = Duration.ofHours(48);
  private static final double[] TIERS = {1.2, 1.5, 2.0};
  private static final AlertRule[] TIER_RULES =
      {AlertRule.DAILY_BUDGET_120, AlertRule.DAILY_BUDGET_150, AlertRule.DAILY_BUDGET_200};

  /** One alert as compared between runs. */
  record AlertKey(String alertId, AlertRule rule, AlertStatus status, Instant detectedAt) {}

  static AlertKey key(io.burnrate.schema.CostAlert alert) {
    return new AlertKey(alert.getAlertId(), alert.getRule(), alert.getStatus(), alert.getDetectedAt());
  }

  final Instant firstDay;
  final int endpoints;
  final int days;

  GeneratedExport(Instant firstDay, int endpoints, int days) {
    this.firstDay = firstDay;
    this.endpoints = endpoints;
    this.days = days;
  }

  static String endpointId(int e) {
    return String.format("fleet-%03d", e);
  }

  /** $24, $48, $72 or $96 a day. */
  static double dailyBudget(int e) {
    return 24.0 * (1 + e % 4);
  }

  /** Share of the budget an endpoint spends on a day: mostly 80 %, sometimes 130, 170 or 250 %. */
  static double spendFactor(int e, int day) {
    return switch ((e * 7 + day * 3) % 13) {
      case 0 -> 2.5;
      case 1 -> 1.7;
      case 2 -> 1.3;
      default -> 0.8;
    };
  }

  long hourlyMicros(int e, int day) {
    return Math.round(dailyBudget(e) * spendFactor(e, day) / 24.0 * 100) * 10_000L;
  }

  Instant end() {
    return firstDay.plus(Duration.ofDays(days));
  }

  /** The last hour's start. */
  Instant lastHour() {
    return end().minus(HOUR);
  }

  /** Every line item in event-time order: hour by hour, endpoint by endpoint. */
  List<BillingEvent> events() {
    List<BillingEvent> events = new ArrayList<>(endpoints * days * 24);
    for (int hour = 0; hour < days * 24; hour++) {
      Instant start = firstDay.plus(HOUR.multipliedBy(hour));
      for (int e = 0; e < endpoints; e++) {
        events.add(Records.bill(endpointId(e), "li-" + endpointId(e) + "-" + hour, start, start.plus(HOUR),
            Money.usd(hourlyMicros(e, hour / 24))).build());
      }
    }
    return events;
  }

  List<EndpointConfig> configs() {
    List<EndpointConfig> configs = new ArrayList<>();
    for (int e = 0; e < endpoints; e++) {
      configs.add(Records.config(endpointId(e)).setOwner("team-" + e % 5).setDailyBudgetUsd(dailyBudget(e)).build());
    }
    return configs;
  }

  /** Writes the export as gzip CSV with the default header, half the times as epoch milliseconds. */
  Path writeCsv(Path file) {
    try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
        StandardCharsets.UTF_8)) {
      out.write(String.join(",", BillingFields.ALL) + "\n");
      boolean epoch = false;
      for (BillingEvent b : events()) {
        String start = epoch ? String.valueOf(b.getUsageStart().toEpochMilli()) : b.getUsageStart().toString();
        out.write(String.join(",", b.getLineItemId(), b.getEndpointId(), start, b.getUsageEnd().toString(),
            b.getCategory().name(), b.getInstanceType(), b.getRegion(), String.valueOf(b.getQuantity()), b.getUnit(),
            String.valueOf(b.getCostUsd())));
        out.write('\n');
        epoch = !epoch;
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The daily-budget alerts: FIRING when the day's running spend first passes a tier (at the end of
   * that hour), RESOLVED when the day is over and its billing grace has passed within the export.
   */
  Set<AlertKey> expectedBudgetAlerts() {
    Set<AlertKey> alerts = new HashSet<>();
    for (int e = 0; e < endpoints; e++) {
      long budget = Money.micros(dailyBudget(e));
      for (int day = 0; day < days; day++) {
        Instant dayStart = firstDay.plus(Duration.ofDays(day));
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        long hourly = hourlyMicros(e, day);
        for (int tier = 0; tier < TIERS.length; tier++) {
          long limit = Math.round(budget * TIERS[tier]);
          if (hourly * 24 <= limit) {
            continue;
          }
          long hours = limit / hourly + 1;
          String id = Ids.nameBased(endpointId(e), TIER_RULES[tier], dayStart.atZone(ZoneOffset.UTC).toLocalDate());
          alerts.add(new AlertKey(id, TIER_RULES[tier], AlertStatus.FIRING, dayStart.plus(HOUR.multipliedBy(hours))));
          Instant closes = dayEnd.plus(BILLING_GRACE);
          if (!closes.isAfter(end())) {
            alerts.add(new AlertKey(id, TIER_RULES[tier], AlertStatus.RESOLVED, closes));
          }
        }
      }
    }
    return alerts;
  }

  /** The last budget day's spend of endpoint {@code e}, in USD. */
  double lastDaySpend(int e) {
    return Money.usd(hourlyMicros(e, days - 1) * 24);
  }
}
