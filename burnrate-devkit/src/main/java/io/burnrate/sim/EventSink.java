package io.burnrate.sim;

import java.io.IOException;

/** Where simulated records go: files, topics. Records arrive in appearance order. */
public interface EventSink extends AutoCloseable {

  void accept(SimEvent event) throws IOException;

  /** Makes everything accepted durable (flushes files, waits for the broker's acknowledgements). */
  void finish() throws IOException;

  @Override
  void close() throws IOException;
}
