package io.burnrate.meter;

import java.util.Map;
import java.util.TreeMap;

/**
 * List prices of one replica-hour by instance type (US East), times a regional multiplier: the
 * fallback for endpoints whose config carries no {@code hourly_price_usd}.
 */
public record PriceTable(Map<String, Double> usdPerHour, Map<String, Double> regionMultipliers) {

  /** Defaults from published provider price lists: CPU $0.032-$0.178, T4 $0.50 ... 8xH100 $80. */
  public static PriceTable defaults() {
    Map<String, Double> prices = new TreeMap<>();
    prices.put("cpu-x1", 0.032);
    prices.put("cpu-x2", 0.067);
    prices.put("cpu-x4", 0.134);
    prices.put("cpu-x8", 0.178);
    prices.put("nvidia-t4", 0.50);
    prices.put("nvidia-l4", 1.20);
    prices.put("nvidia-a10g", 1.30);
    prices.put("nvidia-a100", 4.50);
    prices.put("nvidia-h100", 10.00);
    prices.put("nvidia-h100x8", 80.00);
    Map<String, Double> regions = new TreeMap<>();
    regions.put("us-east-1", 1.0);
    regions.put("us-east-2", 1.0);
    regions.put("us-west-2", 1.1);
    regions.put("eu-west-1", 1.25);
    regions.put("eu-central-1", 1.3);
    regions.put("ap-southeast-1", 1.4);
    regions.put("ap-northeast-1", 1.4);
    return new PriceTable(Map.copyOf(prices), Map.copyOf(regions));
  }

  public PriceTable {
    usdPerHour = Map.copyOf(usdPerHour);
    regionMultipliers = Map.copyOf(regionMultipliers);
  }

  /** Price of one replica-hour, or null when the instance type is not in the table. */
  public Double priceUsd(String instanceType, String region) {
    Double base = usdPerHour.get(instanceType);
    if (base == null) {
      return null;
    }
    return base * regionMultipliers.getOrDefault(region, 1.0);
  }

  public double regionMultiplier(String region) {
    return regionMultipliers.getOrDefault(region, 1.0);
  }
}
