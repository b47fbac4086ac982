package io.burnrate.app;

import java.util.List;

/**
 * Burnrate cannot start against the schema registry: it was not reachable in time, it refused the
 * check, or a subject holds a schema Burnrate cannot work with. The message is one line naming the
 * registry URL and, per subject, why.
 */
public final class RegistryStartupException extends RuntimeException {
  private final List<String> problems;

  RegistryStartupException(String registryUrl, List<String> problems, Throwable cause) {
    super("schema registry at " + registryUrl + ": " + String.join("; ", problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** One entry per problem, e.g. {@code subject inference.requests-value: ...}. */
  public List<String> problems() {
    return problems;
  }
}
