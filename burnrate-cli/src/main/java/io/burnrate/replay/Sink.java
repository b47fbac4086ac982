package io.burnrate.replay;

import io.burnrate.schema.BillingEvent;

/** Where a replay sends the valid rows: {@code billing.events} ({@link KafkaBillingSink}), or a test's list. */
public interface Sink extends AutoCloseable {

  /**
   * Hands over one event; may return before it is stored.
   *
   * @param origin where the row came from, like {@code bill.csv:17}, for error messages
   * @throws ReplayFailedException when this or an earlier send failed
   */
  void send(BillingEvent event, String origin);

  /**
   * Waits until every event handed over is stored.
   *
   * @throws ReplayFailedException when a send failed
   */
  void flush();

  /** Events stored so far (acknowledged). */
  long sent();

  @Override
  void close();
}
