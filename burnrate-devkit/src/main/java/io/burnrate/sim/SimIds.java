package io.burnrate.sim;

import io.burnrate.core.Ids;
import java.util.Locale;

/**
 * Identities of simulated things. Each depends only on the endpoint and a per-endpoint counter (or the
 * hour and category of a bill), never on the fleet's size, so the same seed yields the same ids.
 */
public final class SimIds {
  private static final String PREFIX = "ep-";

  private SimIds() {}

  public static String endpointId(int index) {
    return String.format(Locale.ROOT, PREFIX + "%05d", index);
  }

  /** The index of an id made by {@link #endpointId}, or -1 when {@code id} is not one. */
  public static int indexOf(String id) {
    if (!id.startsWith(PREFIX) || id.length() < PREFIX.length() + 5) {
      return -1;
    }
    try {
      int index = Integer.parseInt(id.substring(PREFIX.length()));
      return endpointId(index).equals(id) ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public static String requestId(String endpointId, long sequence) {
    return endpointId + "-q" + sequence;
  }

  public static String replicaId(String endpointId, long sequence) {
    return endpointId + "-r" + sequence;
  }

  public static String replicaEventId(String endpointId, long sequence) {
    return endpointId + "-e" + sequence;
  }

  /** A name-based UUID of endpoint, hour and category: one line item per endpoint, hour and category. */
  public static String lineItemId(String endpointId, long hourStartMs, String category) {
    return Ids.nameBased("sim-line-item", endpointId, hourStartMs, category);
  }
}
