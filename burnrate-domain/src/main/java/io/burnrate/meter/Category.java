package io.burnrate.meter;

import io.burnrate.schema.BillingCategory;

/**
 * Indexes of the spend categories inside per-slice arrays. COMPUTE and COLD_START_TRANSFER are
 * metered as well as billed; the others are known from billing only.
 */
public final class Category {
  public static final int COMPUTE = 0;
  public static final int COLD_START_TRANSFER = 1;
  public static final int EGRESS = 2;
  public static final int STORAGE = 3;
  public static final int OTHER = 4;
  public static final int COUNT = 5;
  public static final int METERED_COUNT = 2;

  private Category() {}

  public static int of(BillingCategory category) {
    return switch (category) {
      case COMPUTE -> COMPUTE;
      case COLD_START_TRANSFER -> COLD_START_TRANSFER;
      case EGRESS -> EGRESS;
      case STORAGE -> STORAGE;
      case OTHER -> OTHER;
    };
  }

  /** What the rules see: per category the larger of metered and billed. */
  public static long visible(long[] metered, long[] billed) {
    long total = 0;
    for (int c = 0; c < COUNT; c++) {
      long m = c < METERED_COUNT ? metered[c] : 0;
      total += Math.max(m, billed[c]);
    }
    return total;
  }

  /** Where the visible figure comes from, for alert messages. */
  public static String source(long[] metered, long[] billed) {
    boolean anyBilled = false;
    boolean billedWins = false;
    boolean meteredWins = false;
    for (int c = 0; c < COUNT; c++) {
      long m = c < METERED_COUNT ? metered[c] : 0;
      anyBilled |= billed[c] != 0;
      if (billed[c] > m) {
        billedWins = true;
      } else if (m > 0) {
        meteredWins = true;
      }
    }
    if (!anyBilled) {
      return "metered";
    }
    if (billedWins && meteredWins) {
      return "metered and billed";
    }
    return billedWins ? "billed" : "metered";
  }
}
