package io.burnrate.http;

import io.burnrate.testing.Records;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Input records with sensible defaults, so each test states only what matters to it. */
final class Inputs {
  /** A Monday, 00:00 UTC: the start of the budget day of the tests' endpoints. */
  static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
  private static final AtomicLong SEQ = new AtomicLong();

  private Inputs() {}

  static Instant at(String hhmm) {
    return at(DAY, hhmm);
  }

  static Instant at(Instant day, String hhmm) {
    return day.plusSeconds(Integer.parseInt(hhmm.substring(0, 2)) * 3600L + Integer.parseInt(hhmm.substring(3)) * 60L);
  }

  static EndpointConfig config(String endpoint, double dailyBudgetUsd) {
    return Records.config(endpoint).setCriticality(Criticality.CRITICAL).setDailyBudgetUsd(dailyBudgetUsd).build();
  }

  static InferenceRequest request(String endpoint, Instant at, int status) {
    return Records.request(endpoint, at).setStatusCode(status).build();
  }

  /** A COMPUTE line item over [start, end). */
  static BillingEvent bill(String endpoint, Instant start, Instant end, double usd) {
    return Records.bill(endpoint, "li-" + SEQ.incrementAndGet(), start, end, usd).build();
  }
}
