package io.burnrate.sim;

/** Where simulated records go: files, topics. Records arrive in appearance order. */
public interface EventSink extends AutoCloseable {

  void accept(SimEvent event) throws Exception;

  /** Makes everything accepted durable (flushes files, waits for the broker's acknowledgements). */
  void finish() throws Exception;

  @Override
  void close() throws Exception;
}
