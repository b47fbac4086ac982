package io.burnrate.sim;

/** Told of every record written, and of the end; for a progress line on long runs. */
public interface Progress {
  Progress NONE = event -> { };

  void onRecord(SimEvent event);

  default void onFinish() {}
}
