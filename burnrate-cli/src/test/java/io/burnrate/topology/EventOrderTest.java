package io.burnrate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.topology.EventOrder.Held;
import io.burnrate.topology.EventOrder.Input;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventOrderTest {
  private static final long IDLE = 2_000;
  private static final EventOrder.Unprocessed NOTHING_READ_AHEAD = EventOrder.Unprocessed.NOTHING;

  private long offset;

  private Held request(long time) {
    return new Held(time, Input.REQUESTS, offset++, "ep", "request@" + time);
  }

  private Held replica(long time) {
    return new Held(time, Input.REPLICAS, offset++, "ep", "replica@" + time);
  }

  private Held bill(long usageEnd) {
    return new Held(usageEnd, Input.BILLING, offset++, "ep", "bill@" + usageEnd);
  }

  private static List<Object> values(List<Held> released) {
    return released.stream().map(Held::value).map(Object.class::cast).toList();
  }

  @Test
  void aRequestWaitsUntilTheReplicaInputHasPassedItsInstant() {
    EventOrder order = new EventOrder(IDLE, 0);
    assertThat(order.offer(request(100), 10, NOTHING_READ_AHEAD)).isEmpty();
    assertThat(order.offer(request(200), 20, NOTHING_READ_AHEAD)).isEmpty();

    List<Held> released = order.offer(replica(150), 30, NOTHING_READ_AHEAD);

    assertThat(values(released)).as("requests have reached 200, past the replica event")
        .containsExactly("request@100", "replica@150");
    assertThat(order.position()).isEqualTo(150);
    assertThat(values(order.offer(replica(300), 40, NOTHING_READ_AHEAD))).containsExactly("request@200");
  }

  @Test
  void theSameRecordsInterleavedDifferentlyAcrossInputsComeOutInTheSameOrder() {
    List<Held> requests = List.of(request(10), request(20), request(35), request(50), request(70));
    List<Held> replicas = List.of(replica(15), replica(20), replica(40), replica(90));

    List<Object> requestsFirst = drain(concat(requests, replicas));
    List<Object> replicasFirst = drain(concat(replicas, requests));
    List<Object> alternating = drain(List.of(requests.get(0), replicas.get(0), requests.get(1), replicas.get(1),
        requests.get(2), replicas.get(2), requests.get(3), requests.get(4), replicas.get(3)));

    assertThat(requestsFirst).containsExactly("request@10", "replica@15", "replica@20", "request@20", "request@35",
        "replica@40", "request@50", "request@70", "replica@90");
    assertThat(replicasFirst).isEqualTo(requestsFirst);
    assertThat(alternating).isEqualTo(requestsFirst);
  }

  /** Offers every record at one wall-clock instant, then lets the silent inputs go. */
  private static List<Object> drain(List<Held> records) {
    EventOrder order = new EventOrder(IDLE, 0);
    List<Held> out = new ArrayList<>();
    for (Held record : records) {
      out.addAll(order.offer(record, 1, NOTHING_READ_AHEAD));
    }
    out.addAll(order.release(1 + IDLE, NOTHING_READ_AHEAD));
    return values(out);
  }

  private static List<Held> concat(List<Held> a, List<Held> b) {
    List<Held> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void anInputSilentForTheIdleTimeNoLongerHoldsTheOtherBack() {
    EventOrder order = new EventOrder(IDLE, 0);
    assertThat(order.offer(request(100), 500, NOTHING_READ_AHEAD)).as("no replica event yet").isEmpty();

    assertThat(order.release(IDLE - 1, NOTHING_READ_AHEAD)).isEmpty();
    assertThat(values(order.release(IDLE, NOTHING_READ_AHEAD))).containsExactly("request@100");
    order.offer(replica(150), 3_000, NOTHING_READ_AHEAD);
    assertThat(order.offer(request(200), 3_001, NOTHING_READ_AHEAD)).as("heard from again").isEmpty();
  }

  @Test
  void anInputWithUnreadRecordsOnTheBrokerIsBehindNotSilent() {
    EventOrder order = new EventOrder(IDLE, 0);
    EventOrder.Unprocessed requestsUnread = unprocessed(EventOrder.NONE, Input.REQUESTS);
    order.offer(request(100), 0, requestsUnread);
    assertThat(values(order.offer(replica(500), 10, requestsUnread))).containsExactly("request@100");

    assertThat(order.release(10 * IDLE, requestsUnread)).as("the requests are only behind").isEmpty();
    assertThat(values(order.release(10 * IDLE, NOTHING_READ_AHEAD))).as("read to the end: silent")
        .containsExactly("replica@500");
  }

  @Test
  void anInputWithUnreadRecordsHoldsTheOthersBackForALimitedTime() {
    EventOrder order = new EventOrder(IDLE, 0);
    EventOrder.Unprocessed replicasUnread = unprocessed(EventOrder.NONE, Input.REPLICAS);
    order.offer(request(100), 0, replicasUnread);

    assertThat(order.release(EventOrder.UNREAD_PATIENCE * IDLE - 1, replicasUnread)).isEmpty();
    assertThat(values(order.release(EventOrder.UNREAD_PATIENCE * IDLE, replicasUnread)))
        .containsExactly("request@100");
  }

  /** Nothing read ahead but up to {@code readAhead}; unread records on the broker for {@code unread}. */
  private static EventOrder.Unprocessed unprocessed(long readAhead, Input unread) {
    return new EventOrder.Unprocessed() {
      @Override
      public long readAhead(int input) {
        return readAhead;
      }

      @Override
      public boolean onBroker(int input) {
        return input == unread.ordinal();
      }
    };
  }

  @Test
  void noMoreThanTheBoundWaitOnceTheOtherInputHasEnded() {
    EventOrder order = new EventOrder(IDLE, 0);
    List<Held> released = new ArrayList<>();
    for (int i = 0; i < EventOrder.MAX_WAITING + 5; i++) {
      released.addAll(order.offer(request(i), 1, NOTHING_READ_AHEAD));
    }
    assertThat(order.waitingCount()).isEqualTo(EventOrder.MAX_WAITING);
    assertThat(released).extracting(Held::time).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void anInputReadAheadOfARecordDoesNotHoldItBack() {
    EventOrder order = new EventOrder(IDLE, 0);
    EventOrder.Unprocessed replicasReadTo500 = new EventOrder.Unprocessed() {
      @Override
      public long readAhead(int input) {
        return input == Input.REPLICAS.ordinal() ? 500 : EventOrder.NONE;
      }

      @Override
      public boolean onBroker(int input) {
        return false;
      }
    };

    assertThat(values(order.offer(request(100), 1, replicasReadTo500))).containsExactly("request@100");
    assertThat(order.offer(request(600), 2, replicasReadTo500)).isEmpty();
  }

  @Test
  void aBillWaitsForBothEventInputsToPassTheEndOfItsUsage() {
    EventOrder order = new EventOrder(IDLE, 0);
    order.offer(request(1_000), 1, NOTHING_READ_AHEAD);
    assertThat(order.offer(bill(900), 2, NOTHING_READ_AHEAD)).isEmpty();

    assertThat(values(order.offer(replica(1_100), 3, NOTHING_READ_AHEAD))).containsExactly("bill@900", "request@1000");
  }

  @Test
  void aRecordBehindThePositionGoesAtOnceAndLatenessIsJudgedAgainstThePosition() {
    EventOrder order = new EventOrder(IDLE, 0);
    order.offer(request(1_000), 1, NOTHING_READ_AHEAD);
    order.offer(replica(1_500), 2, NOTHING_READ_AHEAD);
    assertThat(order.position()).isEqualTo(1_000);

    assertThat(values(order.offer(replica(900), 3, NOTHING_READ_AHEAD))).containsExactly("replica@900");
    assertThat(order.isLate(900, 100)).isFalse();
    assertThat(order.isLate(899, 100)).isTrue();
    assertThat(new EventOrder(IDLE, 0).isLate(0, 0)).as("nothing released yet").isFalse();
  }

  @Test
  void withoutAnIdleTimeRecordsGoInTheOrderTheyCome() {
    EventOrder order = new EventOrder(0, 0);
    assertThat(values(order.offer(request(100), 0, NOTHING_READ_AHEAD))).containsExactly("request@100");
    assertThat(values(order.offer(replica(50), 0, NOTHING_READ_AHEAD))).containsExactly("replica@50");
  }

  @Test
  void restoredStateHoldsAndReleasesAsBefore() {
    EventOrder order = new EventOrder(IDLE, 0);
    order.restore(100, 150, 200, List.of(request(200)));

    assertThat(order.progress(Input.REQUESTS)).isEqualTo(200);
    assertThat(order.release(IDLE - 1, NOTHING_READ_AHEAD)).isEmpty();
    assertThat(values(order.offer(replica(250), IDLE - 1, NOTHING_READ_AHEAD))).containsExactly("request@200");
    assertThat(order.position()).as("restored at 100, moved on to the released request").isEqualTo(200);
  }
}
