package io.burnrate.kafkainternals;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A store around another that keeps changes of its own between commits: told {@link #beforeCommit()}
 * when Kafka Streams flushes its caches before a commit, so they reach the inner store (and its
 * changelog) within the commit, and {@link #dropUncommitted()} whenever they belong to no commit: on
 * init (a revived task), on {@code clearCache} (a task handed over or aborted) and on close.
 *
 * <p>Kafka Streams has no public hook before a commit; {@code WrappedStateStore.flushCache} is the one
 * call every store of a task gets then.
 */
public abstract class CommitAwareStore<S extends StateStore, K, V> extends WrappedStateStore<S, K, V> {

  protected CommitAwareStore(S inner) {
    super(inner);
  }

  /** Writes what the store keeps of its own into the inner store. */
  protected abstract void beforeCommit();

  /** Forgets what the store keeps of its own: it was never committed. */
  protected abstract void dropUncommitted();

  @Override
  public final void init(StateStoreContext context, StateStore root) {
    dropUncommitted();
    super.init(context, root);
  }

  @Override
  public final void flushCache() {
    beforeCommit();
    super.flushCache();
  }

  @Override
  public final void clearCache() {
    dropUncommitted();
    super.clearCache();
  }

  @Override
  public final void close() {
    dropUncommitted();
    super.close();
  }
}
