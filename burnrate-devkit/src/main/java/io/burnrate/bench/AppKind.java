package io.burnrate.bench;

/** The two applications measured against each other. */
public enum AppKind {
  BASELINE("pass-through", "baseline"),
  BURNRATE("Burnrate", "burnrate");

  private final String label;
  private final String tag;

  AppKind(String label, String tag) {
    this.label = label;
    this.tag = tag;
  }

  public String label() {
    return label;
  }

  public String tag() {
    return tag;
  }
}
