package io.burnrate.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Minimum, median and maximum of a few measurements (the median of an even count is the mean of the middle two). */
public record Summary(double min, double median, double max, int count) {

  public static Summary of(Collection<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a summary needs at least one measurement");
    }
    List<Double> sorted = new ArrayList<>(values.size());
    for (Number value : values) {
      sorted.add(value.doubleValue());
    }
    sorted.sort(Double::compare);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Summary(sorted.get(0), median, sorted.get(n - 1), n);
  }
}
