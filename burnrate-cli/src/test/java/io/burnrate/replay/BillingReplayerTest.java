package io.burnrate.replay;

import static io.burnrate.replay.Exports.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.burnrate.schema.BillingEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingReplayerTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path dir;

  private final BillingReplayer replayer = new BillingReplayer(new RowValidator(
      Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), Duration.ofHours(1).toMillis(),
      Clock.fixed(NOW, ZoneOffset.UTC)));
  private final ListSink sink = new ListSink();
  private final List<ReplayProgress> progress = new ArrayList<>();
  private final ProgressListener recorder = new ProgressListener() {
    @Override
    public void update(ReplayProgress p) {
      progress.add(p);
    }

    @Override
    public void finished(ReplayProgress p) {
      progress.add(p);
    }
  };

  @Test
  void sendsEveryRowOfACsvWithTheDefaultHeaderInFileOrderAndFlushes() {
    Path file = Exports.csv(dir, "bill.csv",
        row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1.20"),
        row("li-2", "ep-b", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "0.80"),
        row("li-3", "ep-a", "2026-11-02T11:00:00Z", "2026-11-02T12:00:00Z", "1.20"));

    ReplaySummary summary = replayer.replay(List.of(file), sink, ReplayOptions.defaults(), recorder);

    assertThat(sink.lineItems()).containsExactly("li-1", "li-2", "li-3");
    assertThat(sink.origins).containsExactly("bill.csv:2", "bill.csv:3", "bill.csv:4");
    assertThat(sink.events.get(1).getCostUsd()).isEqualTo(0.80);
    assertThat(sink.flushes).isEqualTo(1);
    assertThat(summary).isEqualTo(new ReplaySummary(List.of(file), 3, 3, 3, 0, Map.of(), 0, false));
    assertThat(summary.complete()).isTrue();
    assertThat(Files.exists(dir.resolve("bill.csv.rejects.csv"))).isFalse();
    assertThat(progress).last().satisfies(p -> {
      assertThat(p.rows()).isEqualTo(3);
      assertThat(p.fraction()).isEqualTo(1.0);
    });
  }

  @Test
  void rejectsEachBadRowWithFileLineAndFieldAndGoesOn() {
    Path file = Exports.csv(dir, "bill-2026-11.csv",
        row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1.20"),
        row("li-2", "ep-a", "2026-11-02T11:00:00Z", "2026-11-02T10:00:00Z", "1.20"),
        row("li-3", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "lots"),
        "li-4,ep-a,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,GPU,,us-east-1,1,h,1",
        "li-5,ep-a,2026-11-02T10:00:00Z",
        row("li-6", "", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        row("li-7", "ep-b", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "0.5"));

    ReplaySummary summary = replayer.replay(List.of(file), sink, ReplayOptions.defaults(), recorder);

    assertThat(sink.lineItems()).containsExactly("li-1", "li-7");
    Path rejects = dir.resolve("bill-2026-11.csv.rejects.csv");
    assertThat(Exports.lines(rejects)).containsExactly(
        Exports.HEADER + ",reason",
        row("li-2", "ep-a", "2026-11-02T11:00:00Z", "2026-11-02T10:00:00Z", "1.20")
            + ",\"bill-2026-11.csv:3: usage_end: before usage_start (2026-11-02T11:00:00Z)\"",
        row("li-3", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "lots")
            + ",\"bill-2026-11.csv:4: cost_usd: not a number: 'lots'\"",
        "li-4,ep-a,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,GPU,,us-east-1,1,h,1,"
            + "\"bill-2026-11.csv:5: category: 'GPU' is not one of COMPUTE, COLD_START_TRANSFER, EGRESS, STORAGE,"
            + " OTHER\"",
        "li-5,ep-a,2026-11-02T10:00:00Z,,,,,,,,\"bill-2026-11.csv:6: 3 cells, but the header has 10 columns\"",
        row("li-6", "", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1")
            + ",\"bill-2026-11.csv:7: endpoint_id: missing\"");
    assertThat(summary.rowsRead()).isEqualTo(7);
    assertThat(summary.sent()).isEqualTo(2);
    assertThat(summary.rejected()).isEqualTo(5);
    assertThat(summary.rejectFiles()).containsExactly(Map.entry(rejects, 5L));
    assertThat(summary.complete()).isTrue();
    assertThat(summary.describe("billing.events", ReplayOptions.DEFAULT_BILLING_GRACE_MS)).containsExactly(
        "files:    1",
        "read:     7 rows",
        "sent:     2 to billing.events",
        "rejected: 5, with the reasons in " + rejects + " (5)");
  }

  @Test
  void rejectsJsonLinesRowsIntoAJsonLinesRejectFileWithTheOriginalText() {
    Path file = Exports.write(dir.resolve("bill.jsonl"), null,
        Exports.jsonRow("j1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "0.25"),
        "{\"line_item_id\":\"j2\",\"endpoint_id\":\"ep-a\"}",
        Exports.jsonRow("j3", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "-3"));

    ReplaySummary summary = replayer.replay(List.of(file), sink, ReplayOptions.defaults(), recorder);

    assertThat(sink.lineItems()).containsExactly("j1");
    assertThat(sink.events.get(0).getQuantity()).isEqualTo(2.5);
    assertThat(Exports.lines(dir.resolve("bill.jsonl.rejects.jsonl"))).containsExactly(
        "{\"reason\":\"bill.jsonl:2: usage_start: missing\",\"row\":\"{\\\"line_item_id\\\":\\\"j2\\\","
            + "\\\"endpoint_id\\\":\\\"ep-a\\\"}\"}",
        "{\"reason\":\"bill.jsonl:3: cost_usd: negative or not finite: -3.0\",\"row\":"
            + "\"" + Exports.jsonRow("j3", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "-3")
            .replace("\"", "\\\"") + "\"}");
    assertThat(summary.rejected()).isEqualTo(2);
  }

  @Test
  void readsADirectoryInNameOrderAcrossFormatsAndGzip() {
    Exports.write(dir.resolve("b.jsonl.gz"), null,
        Exports.jsonRow("b1", "ep-a", "2026-11-02T11:00:00Z", "2026-11-02T12:00:00Z", "1"));
    Exports.csv(dir, "a.csv.gz", row("a1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        row("a2", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));
    Exports.csv(dir, "c.csv", row("c1", "ep-a", "2026-11-02T12:00:00Z", "2026-11-02T13:00:00Z", "1"));

    ReplaySummary summary = replayer.replay(List.of(dir), sink, ReplayOptions.defaults(), recorder);

    assertThat(sink.lineItems()).containsExactly("a1", "a2", "b1", "c1");
    assertThat(sink.origins).containsExactly("a.csv.gz:2", "a.csv.gz:3", "b.jsonl.gz:1", "c.csv:2");
    assertThat(summary.files()).extracting(p -> p.getFileName().toString())
        .containsExactly("a.csv.gz", "b.jsonl.gz", "c.csv");
  }

  @Test
  void readsAMappedExport() {
    Path file = Exports.write(dir.resolve("cur.csv"),
        "identity/LineItemId,endpoint_id,usage_start,usage_end,category,region,quantity,unit,lineItem/UnblendedCost",
        "x1,ep-a,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,COMPUTE,us-east-1,1,h,4.5");
    ReplayOptions options = ReplayOptions.defaults().withMapping(ColumnMapping.of(Map.of(
        "line_item_id", "identity/LineItemId", "cost_usd", "lineItem/UnblendedCost")));

    replayer.replay(List.of(file), sink, options, recorder);

    assertThat(sink.events).singleElement().satisfies(e -> {
      assertThat(e.getLineItemId()).isEqualTo("x1");
      assertThat(e.getCostUsd()).isEqualTo(4.5);
      assertThat(e.getInstanceType()).isNull();
    });
  }

  @Test
  void aDryRunSendsNothingButCountsAndWritesRejects() {
    Path file = Exports.csv(dir, "bill.csv",
        row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        row("li-2", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "x"));

    ReplaySummary summary = replayer.replay(List.of(file), null, ReplayOptions.defaults().withDryRun(true), recorder);
    replayer.replay(List.of(file), sink, ReplayOptions.defaults().withDryRun(true), recorder);

    assertThat(sink.events).isEmpty();
    assertThat(sink.flushes).isZero();
    assertThat(summary).isEqualTo(new ReplaySummary(List.of(file), 2, 1, 0, 1,
        Map.of(dir.resolve("bill.csv.rejects.csv"), 1L), 0, true));
    assertThat(summary.complete()).isTrue();
    assertThat(summary.describe("billing.events", ReplayOptions.DEFAULT_BILLING_GRACE_MS).get(2))
        .isEqualTo("sent:     none, dry run (1 valid rows would be sent to billing.events)");
  }

  @Test
  void countsRowsThePipelineWouldFindLateAndSortingSendsInUsageEndOrder() {
    Path file = Exports.csv(dir, "by-endpoint.csv",
        row("a1", "ep-a", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1"),
        row("a2", "ep-a", "2026-11-05T00:00:00Z", "2026-11-05T01:00:00Z", "1"),
        row("b1", "ep-b", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", "1"),
        row("b2", "ep-b", "2026-11-03T02:00:00Z", "2026-11-03T03:00:00Z", "1"),
        row("b3", "ep-b", "2026-11-05T00:00:00Z", "2026-11-05T01:00:00Z", "1"));

    ReplaySummary unsorted = replayer.replay(List.of(file), sink, ReplayOptions.defaults(), recorder);
    ListSink sorted = new ListSink();
    ReplaySummary inOrder = replayer.replay(List.of(file), sorted, ReplayOptions.defaults().withSortByTime(true),
        recorder);

    assertThat(unsorted.likelyLate()).isEqualTo(1);
    assertThat(unsorted.describe("billing.events", ReplayOptions.DEFAULT_BILLING_GRACE_MS)).last().isEqualTo(
        "warning:  1 rows end more than 48 h before a row sent ahead of them; the pipeline dead-letters such rows"
            + " as late. Sort the export by usage_end, or replay with --sort");
    assertThat(sorted.lineItems()).containsExactly("a1", "b1", "b2", "a2", "b3");
    assertThat(inOrder.likelyLate()).isZero();
    assertThat(inOrder.sent()).isEqualTo(5);
    assertThat(progress).last().satisfies(p -> assertThat(p.phase()).isEqualTo(ReplayProgress.SENDING));
  }

  @Test
  void checksEveryHeaderBeforeSendingAnything() {
    Path good = Exports.csv(dir, "a.csv", row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));
    Path bad = Exports.write(dir.resolve("b.csv"), "line_item_id,endpoint_id", "x,y");
    Path worse = Exports.write(dir.resolve("c.csv"), "");

    assertThatThrownBy(() -> replayer.replay(List.of(good, bad, worse), sink, ReplayOptions.defaults(), recorder))
        .isInstanceOf(ReplayInputException.class)
        .hasMessageContaining(bad + ":1: no column 'usage_start' for usage_start")
        .hasMessageContaining(worse + ": empty");
    assertThat(sink.events).isEmpty();
  }

  @Test
  void aSendFailureStopsTheReplayWithTheCountsSoFar() {
    Path file = Exports.csv(dir, "bill.csv",
        row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        row("li-2", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        row("li-3", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));
    ListSink failing = new ListSink(2);

    ReplayFailedException failure = catchThrowableOfType(ReplayFailedException.class,
        () -> replayer.replay(List.of(file), failing, ReplayOptions.defaults(), recorder));

    assertThat(failure).hasMessage("cannot send bill.csv:3: broker says no");
    assertThat(failure.partial().rowsRead()).isEqualTo(2);
    assertThat(failure.partial().sent()).isEqualTo(1);
    assertThat(failure.partial().complete()).isFalse();
    assertThat(failing.lineItems()).containsExactly("li-1");
  }

  @Test
  void aRerunReplacesTheRejectFileOfTheEarlierRun() throws IOException {
    Path file = Exports.csv(dir, "bill.csv", row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "x"));
    replayer.replay(List.of(file), sink, ReplayOptions.defaults(), recorder);
    Path rejects = dir.resolve("bill.csv.rejects.csv");
    assertThat(rejects).exists();

    Exports.csv(dir, "bill.csv", row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));
    ReplaySummary fixed = replayer.replay(List.of(file), sink, ReplayOptions.defaults(), recorder);

    assertThat(rejects).doesNotExist();
    assertThat(fixed.rejected()).isZero();
    assertThat(sink.lineItems()).containsExactly("li-1");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("bill.csv");
  }

  @Test
  void throttlesEverySentRowButNotADryRun() {
    Path file = Exports.csv(dir, "bill.csv",
        row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        row("li-2", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        row("li-3", "ep-a", "2026-11-02T10:00:00Z", "bad", "1"),
        row("li-4", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));
    long[] clock = {0};
    List<Long> sleeps = new ArrayList<>();
    Throttle throttle = Throttle.perSecond(4, () -> clock[0], nanos -> {
      sleeps.add(nanos);
      clock[0] += nanos;
    });

    replayer.replay(List.of(file), sink, ReplayOptions.defaults().withThrottle(throttle), recorder);
    replayer.replay(List.of(file), null, ReplayOptions.defaults().withThrottle(throttle).withDryRun(true), recorder);

    assertThat(sink.events).hasSize(3);
    assertThat(sleeps).containsExactly(250_000_000L, 250_000_000L);
  }

  @Test
  void stopsBeforeSendingARowTheTopicWouldDeleteForItsOldTimestamp() {
    Path file = Exports.csv(dir, "bill.csv",
        row("new", "ep-a", "2026-11-19T10:00:00Z", "2026-11-19T11:00:00Z", "1"),
        row("old", "ep-a", "2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", "1"),
        row("newer", "ep-a", "2026-11-19T11:00:00Z", "2026-11-19T12:00:00Z", "1"));
    RetentionGuard week = RetentionGuard.of("billing.events", Map.of("retention.ms", "604800000"), NOW.toEpochMilli());

    ReplayFailedException failure = catchThrowableOfType(ReplayFailedException.class,
        () -> replayer.replay(List.of(file), sink, ReplayOptions.defaults().withRetention(week), recorder));
    ReplaySummary dryRun = replayer.replay(List.of(file), null,
        ReplayOptions.defaults().withRetention(week).withDryRun(true), recorder);

    assertThat(failure).hasMessageStartingWith("bill.csv:3: usage_end 2026-11-01T11:00:00Z is older than"
        + " billing.events accepts as a record timestamp (retention.ms=604800000, 168 h, less 60 min of margin)");
    assertThat(sink.lineItems()).containsExactly("new");
    assertThat(failure.partial().sent()).isEqualTo(1);
    assertThat(dryRun.valid()).isEqualTo(3);
  }

  @Test
  void eventsCarryTheirOriginalTimes() {
    Path file = Exports.csv(dir, "bill.csv", row("li-1", "ep-a", "1793613600000", "2026-11-02T11:00:00Z", "1"));

    replayer.replay(List.of(file), sink, ReplayOptions.defaults(), recorder);

    BillingEvent event = sink.events.get(0);
    assertThat(event.getUsageStart()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    assertThat(event.getUsageEnd()).isEqualTo(Instant.parse("2026-11-02T11:00:00Z"));
  }
}
