package io.burnrate.sim;

import java.util.SplittableRandom;

/** Draws the simulator needs from a {@link SplittableRandom}, so that a seed fixes every outcome. */
final class Randoms {
  private Randoms() {}

  /** A seed for endpoint {@code index} of a run seeded {@code seed}: independent of the fleet's size. */
  static long endpointSeed(long seed, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1L) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Poisson-distributed count with the given mean. */
  static int poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 40) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** A log-normal factor with mean 1 and the given spread (sigma of the logarithm). */
  static double unitLogNormal(SplittableRandom random, double sigma) {
    return Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
  }

  static double uniform(SplittableRandom random, double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  static long uniformLong(SplittableRandom random, long from, long toInclusive) {
    return from + random.nextLong(toInclusive - from + 1);
  }

  /** Picks an index with the given weights (which need not sum to 1). */
  static int weighted(SplittableRandom random, double... weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double draw = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
