package io.burnrate.config;

import java.util.List;

/** Every problem found in the configuration, each naming the key, the value and what is allowed. */
public final class InvalidConfigException extends RuntimeException {
  private final List<String> problems;

  public InvalidConfigException(List<String> problems) {
    super("invalid configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
