package io.burnrate.replay;

/** Told how a replay advances; called on the replaying thread, often, so it must be cheap. */
public interface ProgressListener {

  /** Ignores everything. */
  ProgressListener NONE = new ProgressListener() {
    @Override
    public void update(ReplayProgress progress) {}

    @Override
    public void finished(ReplayProgress progress) {}
  };

  void update(ReplayProgress progress);

  /** The replay is over (or stopped); the last progress. */
  void finished(ReplayProgress progress);
}
