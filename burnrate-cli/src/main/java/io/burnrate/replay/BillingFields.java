package io.burnrate.replay;

import java.util.List;

/** The fields of a {@code BillingEvent} (docs/contract.md) as an export names them by default. */
public final class BillingFields {
  public static final String LINE_ITEM_ID = "line_item_id";
  public static final String ENDPOINT_ID = "endpoint_id";
  public static final String USAGE_START = "usage_start";
  public static final String USAGE_END = "usage_end";
  public static final String CATEGORY = "category";
  public static final String INSTANCE_TYPE = "instance_type";
  public static final String REGION = "region";
  public static final String QUANTITY = "quantity";
  public static final String UNIT = "unit";
  public static final String COST_USD = "cost_usd";

  /** Every field, in contract order: the default CSV header. */
  public static final List<String> ALL = List.of(LINE_ITEM_ID, ENDPOINT_ID, USAGE_START, USAGE_END, CATEGORY,
      INSTANCE_TYPE, REGION, QUANTITY, UNIT, COST_USD);

  private BillingFields() {}

  /** Only {@code instance_type} may be absent or empty. */
  public static boolean isOptional(String field) {
    return INSTANCE_TYPE.equals(field);
  }

  public static boolean isField(String name) {
    return ALL.contains(name);
  }
}
