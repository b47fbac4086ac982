package io.burnrate.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One task's records in event-time order, whatever order its input partitions were read in. Kafka
 * Streams reads a task's partitions by timestamp only while each has records buffered; a partition
 * whose producer is a second behind the others looks empty, and the others run ahead by as much event
 * time as a fast replay packs into that second. So the records of the task's two event inputs
 * (requests and replica events) and its bills go through here: a record is released once every other
 * event input has reached a later instant, or is silent, and released records go on in the order of
 * (event time, input, offset).
 *
 * <p>An input is <em>silent</em> when it has brought no record for the idle time and the broker holds
 * none of its records that the task has not read. Unread records on the broker say the input is only behind, which a task catching up on a
 * backlog may leave it for seconds; such an input holds the others back for up to {@link
 * #UNREAD_PATIENCE} idle times, and at most {@link #MAX_WAITING} records wait.
 *
 * <p>{@link #position()}, the latest instant released, is the progress every input has reached: a
 * record more than its grace behind it is late. It, each input's progress and the held records are committed state (see
 * {@link EventOrderStore}); the silence clock is not, so a restarted task waits the idle time for each
 * input before it runs ahead of one.
 *
 * <p>A record behind the position (within its grace) is released at once: it can no longer take its
 * place in the order.
 */
final class EventOrder {
  static final long NONE = Long.MIN_VALUE;

  /** The inputs in their order for records of the same instant. Only the first two hold others back. */
  enum Input {
    REPLICAS, REQUESTS, BILLING;

    static final int EVENT_INPUTS = 2;

    boolean holdsOthers() {
      return ordinal() < EVENT_INPUTS;
    }
  }

  /** A record waiting for its turn: its place in the order and what it is. */
  record Held(long time, Input input, long offset, String endpointId, Object value) {}

  static final Comparator<Held> ORDER = Comparator.comparingLong(Held::time)
      .thenComparing(Held::input)
      .thenComparingLong(Held::offset);

  private final long idleMs;
  private final TreeSet<Held> waiting = new TreeSet<>(ORDER);
  private final long[] progress = {NONE, NONE};
  /** Wall-clock time each event input last brought a record, or the order was made (not committed). */
  private final long[] lastHeard = new long[Input.EVENT_INPUTS];
  private long position = NONE;
  /** Records that began to wait, and records released from waiting, since {@link #mark}. */
  private final List<Held> queued = new ArrayList<>();
  private final List<Held> released = new ArrayList<>();

  /**
   * How many idle times an input with unread records on the broker may hold the others back: a task
   * catching up reads it again within seconds; a broker that cannot serve it must not stop the rest.
   */
  static final int UNREAD_PATIENCE = 30;
  /**
   * At most this many records wait in a task; beyond it the oldest goes on as if the input it waits
   * for were silent. A replay whose one topic has ended must not pile up the other in memory, nor
   * write it all to {@code event-order} in one transaction.
   */
  static final int MAX_WAITING = 20_000;

  /**
   * @param idleMs how long an event input may be silent before the others run ahead of it; 0 releases
   *     every record at once, in the order it came
   * @param now wall-clock time the task starts: each input counts as heard from then
   */
  EventOrder(long idleMs, long now) {
    if (idleMs < 0) {
      throw new IllegalArgumentException("idle time must not be negative: " + idleMs);
    }
    this.idleMs = idleMs;
    java.util.Arrays.fill(lastHeard, now);
  }

  /** The latest event time released so far, or {@link #NONE}. */
  long position() {
    return position;
  }

  /** How far each event input's records have reached, or {@link #NONE}. */
  long progress(Input input) {
    return progress[input.ordinal()];
  }

  int waitingCount() {
    return waiting.size();
  }

  List<Held> waiting() {
    return List.copyOf(waiting);
  }

  boolean isWaiting(Held record) {
    return waiting.contains(record);
  }

  /** Records that began to wait since the last {@link #mark}, some of them released since. */
  List<Held> queuedSinceMark() {
    return queued;
  }

  /** Records released from waiting since the last {@link #mark}. */
  List<Held> releasedSinceMark() {
    return released;
  }

  /** Starts new lists of queued and released records (after they were written back). */
  void mark() {
    queued.clear();
    released.clear();
  }

  /** Whether a record of {@code time} is more than {@code graceMs} behind what every input has reached. */
  boolean isLate(long time, long graceMs) {
    return position != NONE && time < position - graceMs;
  }

  /** Puts back committed state: the position, each input's progress and the records still held. */
  void restore(long position, long replicasProgress, long requestsProgress, List<Held> held) {
    this.position = position;
    progress[Input.REPLICAS.ordinal()] = replicasProgress;
    progress[Input.REQUESTS.ordinal()] = requestsProgress;
    waiting.clear();
    waiting.addAll(held);
  }

  /**
   * Takes a record and returns what may go on now, in order: the record itself when it is behind the
   * position, then the waiting records whose turn has come.
   *
   * @param unprocessed what is known of each event input's records not yet processed
   */
  List<Held> offer(Held record, long now, Unprocessed unprocessed) {
    List<Held> out = new ArrayList<>(1);
    if (record.input().holdsOthers()) {
      int i = record.input().ordinal();
      progress[i] = Math.max(progress[i], record.time());
      lastHeard[i] = now;
    }
    if (position != NONE && record.time() < position) {
      out.add(record);
    } else if (waiting.isEmpty() && turnHasCome(record, now, unprocessed)) {
      position = Math.max(position, record.time());
      out.add(record);
      return out;
    } else {
      waiting.add(record);
      queued.add(record);
    }
    releaseInto(out, now, unprocessed);
    return out;
  }

  /** The waiting records whose turn has come by now (an input has gone silent), in order. */
  List<Held> release(long now, Unprocessed unprocessed) {
    if (waiting.isEmpty()) {
      return List.of();
    }
    List<Held> out = new ArrayList<>();
    releaseInto(out, now, unprocessed);
    return out;
  }

  private void releaseInto(List<Held> out, long now, Unprocessed unprocessed) {
    while (!waiting.isEmpty()) {
      Held first = waiting.first();
      if (waiting.size() <= MAX_WAITING && !turnHasCome(first, now, unprocessed)) {
        return;
      }
      waiting.pollFirst();
      released.add(first);
      position = Math.max(position, first.time());
      out.add(first);
    }
  }

  /** Every other event input has passed the record's instant, or is silent. */
  private boolean turnHasCome(Held record, long now, Unprocessed unprocessed) {
    for (int i = 0; i < Input.EVENT_INPUTS; i++) {
      if (i != record.input().ordinal() && Math.max(progress[i], unprocessed.readAhead(i)) <= record.time()
          && !isSilent(i, now, unprocessed)) {
        return false;
      }
    }
    return true;
  }

  private boolean isSilent(int input, long now, Unprocessed unprocessed) {
    long quietFor = now - lastHeard[input];
    return quietFor >= (unprocessed.onBroker(input) ? idleMs * UNREAD_PATIENCE : idleMs);
  }

  /** What a task knows of an event input's records beyond those it has processed. */
  interface Unprocessed {
    Unprocessed NOTHING = new Unprocessed() {
      @Override
      public long readAhead(int input) {
        return NONE;
      }

      @Override
      public boolean onBroker(int input) {
        return false;
      }
    };

    /**
     * The latest event time read but not yet processed, or {@link #NONE}: Kafka Streams processes what
     * it has read in timestamp order, so no record of the input will come before it.
     */
    long readAhead(int input);

    /** Whether the broker holds records of the input that the task has not read yet. */
    boolean onBroker(int input);
  }
}
