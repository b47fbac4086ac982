package io.burnrate.engine;

import io.burnrate.rules.ClosedHour;

import java.util.OptionalDouble;

/**
 * How far the bill is from the metered estimate: billed over metered, summed over the trailing closed
 * hours whose bill is in. Above 1 the list price is too low (or usage is missed); below 1 the provider
 * bills less (a discount, or a wrong price in the configuration). A per-endpoint correction factor
 * ({@code burnrate.meter.correction.<endpoint_id>}) brings the estimate in line.
 */
public final class BillingDrift {
  private BillingDrift() {}

  public static OptionalDouble ratio(Iterable<ClosedHour> closedHours) {
    long metered = 0;
    long billed = 0;
    for (ClosedHour hour : closedHours) {
      if (hour.meteredMicros > 0 && hour.billedMeterableMicros > 0) {
        metered += hour.meteredMicros;
        billed += hour.billedMeterableMicros;
      }
    }
    return metered == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) billed / metered);
  }
}
