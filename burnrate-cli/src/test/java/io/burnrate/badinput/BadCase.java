package io.burnrate.badinput;

/**
 * One record thrown at an input topic, produced as is: a bad one must reach the dead-letter topic with
 * {@code reason}; one the contract accepts ({@code reason} null) must be processed, for the reason given.
 */
record BadCase(String name, String topic, String key, byte[] value, String reason, String acceptedBecause) {

  static BadCase deadLetter(String name, String topic, String key, byte[] value, String reason) {
    return new BadCase(name, topic, key, value, reason, null);
  }

  static BadCase accepted(String name, String topic, String key, byte[] value, String because) {
    return new BadCase(name, topic, key, value, null, because);
  }

  boolean deadLettered() {
    return reason != null;
  }

  @Override
  public String toString() {
    return topic + ": " + name + (deadLettered() ? " -> " + reason : " (accepted: " + acceptedBecause + ")");
  }
}
