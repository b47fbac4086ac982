package io.burnrate.engine;

import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What one engine step produced: alerts and commands to emit, hours whose metrics changed. */
public final class Outcome {
  public final List<CostAlert> alerts = new ArrayList<>();
  public final List<ScalingCommand> commands = new ArrayList<>();
  public final TreeSet<Long> changedHours = new TreeSet<>();
  /** Hours that closed in this step (their metrics are final until a late bill). */
  public final TreeSet<Long> closedHours = new TreeSet<>();

  public boolean isEmpty() {
    return alerts.isEmpty() && commands.isEmpty() && changedHours.isEmpty() && closedHours.isEmpty();
  }
}
