package io.burnrate.registry;

import java.util.function.Consumer;

/**
 * Where the registry keeps its state: an ordered log of {@link StoreRecord}s. The registry replays
 * the log once at start, before any append, and appends to it on every change; it is the only
 * writer.
 */
public interface SchemaStore extends AutoCloseable {

  /**
   * Hands every stored record to {@code sink}, oldest first, and returns once the end of the log as
   * it was when the call began has been reached.
   *
   * @throws SchemaStoreException if the store cannot be read within its timeout
   */
  void replay(Consumer<StoreRecord> sink);

  /**
   * Stores {@code record} durably and returns only once it is stored.
   *
   * @throws SchemaStoreException if the record could not be stored; the caller must then treat
   *     the change as not made
   */
  void append(StoreRecord record);

  /** Where the records live, for log lines and error messages (e.g. a topic and its cluster). */
  String description();

  @Override
  void close();
}
