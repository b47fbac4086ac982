package io.burnrate.alertmanager;

import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bridge knows of one partition of {@code cost.alerts}: the alerts FIRING and not yet
 * RESOLVED, and (until the group has caught up with it) the offset of each alert id's last record.
 *
 * <p>The bridge rebuilds this from the partition's beginning up to its end offset when it gets the
 * partition, then continues from the group's committed offset, which may be behind. A record the
 * rebuild has already seen superseded (the same alert id appears again at a later offset) is then
 * neither posted nor applied: re-posting an old FIRING would show an alert active that a later
 * record resolved. One alert id always lives in one partition, since records are keyed by endpoint.
 */
final class PartitionAlerts {
  private final Map<String, CostAlert> active = new LinkedHashMap<>();
  private final Map<String, Long> lastOffsetById = new HashMap<>();
  private long rebuiltUpTo;

  /** An empty partition: nothing active, nothing seen. */
  static PartitionAlerts empty() {
    return new PartitionAlerts();
  }

  /** Adds a record read while rebuilding (in offset order). */
  void rebuild(long offset, CostAlert alert) {
    apply(alert);
    lastOffsetById.put(alert.getAlertId(), offset);
    rebuiltUpTo = Math.max(rebuiltUpTo, offset + 1);
  }

  /** Records the partition's end offset at the time of the rebuild (records below it were read). */
  void rebuiltUpTo(long endOffset) {
    rebuiltUpTo = Math.max(rebuiltUpTo, endOffset);
  }

  /** Whether the rebuild saw a later record of this alert id than the one at {@code offset}. */
  boolean isSuperseded(long offset, String alertId) {
    Long last = lastOffsetById.get(alertId);
    return last != null && last > offset;
  }

  /**
   * Applies a record to the active set: FIRING adds (or replaces) it, RESOLVED removes it.
   *
   * @return the FIRING record a RESOLVED one ends, or null
   */
  CostAlert apply(CostAlert alert) {
    if (alert.getStatus() == AlertStatus.RESOLVED) {
      return active.remove(alert.getAlertId());
    }
    active.put(alert.getAlertId(), alert);
    return null;
  }

  /** Forgets the rebuild's offsets once the group has processed past them. */
  void processed(long offset) {
    if (!lastOffsetById.isEmpty() && offset + 1 >= rebuiltUpTo) {
      lastOffsetById.clear();
    }
  }

  /** The active FIRING record of this alert id, or null. */
  CostAlert firing(String alertId) {
    return active.get(alertId);
  }

  List<CostAlert> active() {
    return new ArrayList<>(active.values());
  }

  int activeCount() {
    return active.size();
  }
}
