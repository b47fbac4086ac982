package io.burnrate.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A store that keeps its records in memory, for tests and throw-away runs. It outlives the
 * registries that use it, so a test can start a second registry on the same records to see what a
 * restart keeps.
 */
public final class InMemorySchemaStore implements SchemaStore {

  private final List<StoreRecord> records = new ArrayList<>();

  @Override
  public synchronized void replay(Consumer<StoreRecord> sink) {
    List.copyOf(records).forEach(sink);
  }

  @Override
  public synchronized void append(StoreRecord record) {
    records.add(record);
  }

  /** The records appended so far, oldest first. */
  public synchronized List<StoreRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public String description() {
    return "in-memory store";
  }

  @Override
  public void close() {
    // Nothing to release: the records stay readable by the next registry on this store.
  }
}
