package io.burnrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the warnings an embedded broker logs on every normal start and stop (controller activation
 * on a fresh log, closing a client twice), so that a warning on the console means something.
 * Configured in logback.xml, which both jars ship; hence here and not in the devkit with the broker:
 * the server jar has no devkit, and logback would fail to load a filter it does not find.
 */
public final class BrokerNoiseFilter extends TurboFilter {

  private static final List<String> ROUTINE_WARNINGS = List.of(
      "Performing controller activation",
      "Attempting to close NetworkClient that has already been closed");

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN || format == null || !logger.getName().startsWith("org.apache.kafka.")) {
      return FilterReply.NEUTRAL;
    }
    for (String routine : ROUTINE_WARNINGS) {
      if (format.contains(routine)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
