package io.burnrate.sim;

import io.burnrate.core.Money;
import io.burnrate.meter.PriceTable;
import java.util.List;

/**
 * The instance types, regions and model sizes of the simulated fleet, priced like the seed guide
 * (through {@link PriceTable#defaults()}: CPU $0.032-$0.178, T4 $0.50, L4 $1.20, A100 $4.50, 8xH100
 * $80 per hour; us-west-2 +10 %, eu-west-1 +25 %, ap-southeast-1 +40 %).
 */
final class InstanceCatalog {
  static final double TRANSFER_USD_PER_GB = 0.09;

  /** One instance type and the model sizes (GB) deployed on it. */
  record InstanceType(String name, boolean gpu, double minModelGb, double maxModelGb) {}

  static final InstanceType CPU_X1 = new InstanceType("cpu-x1", false, 0.1, 0.3);
  static final InstanceType CPU_X2 = new InstanceType("cpu-x2", false, 0.2, 0.5);
  static final InstanceType CPU_X4 = new InstanceType("cpu-x4", false, 0.3, 0.9);
  static final InstanceType CPU_X8 = new InstanceType("cpu-x8", false, 0.4, 1.0);
  static final InstanceType T4 = new InstanceType("nvidia-t4", true, 1.0, 3.0);
  static final InstanceType L4 = new InstanceType("nvidia-l4", true, 3.0, 7.0);
  static final InstanceType A100 = new InstanceType("nvidia-a100", true, 13.0, 26.0);
  static final InstanceType H100X8 = new InstanceType("nvidia-h100x8", true, 70.0, 140.0);

  /**
   * Endpoint i gets type {@code CYCLE[i % 12]}: every type recurs, so each has peers in other
   * regions, and the 8xH100 is one endpoint in twelve.
   */
  static final List<InstanceType> CYCLE =
      List.of(CPU_X2, T4, L4, CPU_X4, L4, A100, CPU_X1, T4, CPU_X8, L4, A100, H100X8);

  static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1");
  static final double[] REGION_WEIGHTS = {0.45, 0.20, 0.25, 0.10};
  static final String PRICIER_REGION = "ap-southeast-1";

  /** Model size of a small model (< 500M parameters), as OVER_PROVISIONED deploys it. */
  static final double SMALL_MODEL_GB = 0.4;

  private static final PriceTable PRICES = PriceTable.defaults();

  private InstanceCatalog() {}

  static InstanceType typeFor(int endpointIndex) {
    return CYCLE.get(Math.floorMod(endpointIndex, CYCLE.size()));
  }

  /** List price of one replica-hour in {@code region}, in whole micro-dollars. */
  static long priceMicros(InstanceType type, String region) {
    Double price = PRICES.priceUsd(type.name(), region);
    if (price == null) {
      throw new IllegalStateException("no list price for instance type " + type.name());
    }
    return Money.micros(price);
  }

  static double regionMultiplier(String region) {
    return PRICES.regionMultiplier(region);
  }

  /** Transfer cost of one cold start of a model of {@code gb} gigabytes, in micro-dollars. */
  static long transferMicros(double gb) {
    return Money.micros(gb * TRANSFER_USD_PER_GB);
  }

  /** Time from SCALE_UP to READY: container start plus the model download and load. */
  static long startupMs(double modelGb) {
    return 20_000 + Math.round(modelGb * 3_000);
  }
}
