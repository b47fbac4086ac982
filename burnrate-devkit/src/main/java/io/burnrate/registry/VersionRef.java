package io.burnrate.registry;

import java.util.Locale;

/** A version as a request names it: a number from 1, or the latest ({@code latest} or -1). */
record VersionRef(int number) {

  static final VersionRef LATEST = new VersionRef(-1);

  /**
   * Reads a version path segment.
   *
   * @throws RegistryRefusal (42202) for anything but a positive int, {@code latest} or -1
   */
  static VersionRef parse(String text) {
    String trimmed = text.trim();
    if (trimmed.toLowerCase(Locale.ROOT).equals("latest")) {
      return LATEST;
    }
    int number;
    try {
      number = Integer.parseInt(trimmed);
    } catch (NumberFormatException e) {
      throw RegistryRefusal.invalidVersion(text);
    }
    if (number == -1) {
      return LATEST;
    }
    if (number < 1) {
      throw RegistryRefusal.invalidVersion(text);
    }
    return new VersionRef(number);
  }

  boolean isLatest() {
    return number == -1;
  }

  @Override
  public String toString() {
    return isLatest() ? "latest" : Integer.toString(number);
  }
}
