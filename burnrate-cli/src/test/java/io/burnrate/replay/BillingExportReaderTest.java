package io.burnrate.replay;

import static io.burnrate.replay.Exports.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingExportReaderTest {
  @TempDir Path dir;

  @Test
  void readsCsvWithTheDefaultHeaderWithLineNumbersCountingTheHeaderAndSkippedBlankLines() throws IOException {
    Path file = Exports.write(dir.resolve("bill.csv"), Exports.HEADER,
        row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1.20"),
        "",
        row("li-2", "ep-b", "1793613600000", "1793617200000", "0.50"));

    List<ExportRow> rows = readAll(file, ColumnMapping.defaults());

    assertThat(rows).extracting(ExportRow::line).containsExactly(2L, 4L);
    assertThat(rows.get(0).values()).containsExactly(
        entry("line_item_id", "li-1"), entry("endpoint_id", "ep-a"), entry("usage_start", "2026-11-02T10:00:00Z"),
        entry("usage_end", "2026-11-02T11:00:00Z"), entry("category", "COMPUTE"), entry("instance_type", "nvidia-l4"),
        entry("region", "us-east-1"), entry("quantity", "1"), entry("unit", "instance-hour"), entry("cost_usd", "1.20"));
    assertThat(rows.get(1).origin()).isEqualTo("bill.csv:4");
    assertThat(rows.get(0).problem()).isNull();
  }

  @Test
  void readsColumnsInAnyOrderTrimsCellsAndIgnoresOtherColumns() throws IOException {
    Path file = Exports.write(dir.resolve("bill.csv"),
        "\uFEFFcost_usd,extra,unit,quantity,region,category,usage_end,usage_start,endpoint_id,line_item_id",
        " 3.5 ,x,GB,2,eu-west-1,egress,2026-11-02T11:00:00Z,2026-11-02T10:00:00Z,ep-a,li-9");

    ExportRow row = readAll(file, ColumnMapping.defaults()).get(0);

    assertThat(row.values()).contains(entry("cost_usd", "3.5"), entry("line_item_id", "li-9"),
        entry("category", "egress"), entry("instance_type", null));
  }

  @Test
  void keepsAQuotedCellSpanningLinesAndNumbersTheRowByItsFirstLine() throws IOException {
    Path file = Exports.write(dir.resolve("bill.csv"), Exports.HEADER,
        "li-1,\"ep\nwith newline\",2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,COMPUTE,,us-east-1,1,h,1",
        row("li-2", "ep-b", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));

    List<ExportRow> rows = readAll(file, ColumnMapping.defaults());

    assertThat(rows).extracting(ExportRow::line).containsExactly(2L, 4L);
    assertThat(rows.get(0).values()).containsEntry("endpoint_id", "ep\nwith newline");
  }

  @Test
  void readsAnAwsCurLikeExportThroughTheMapping() throws IOException {
    Path file = Exports.write(dir.resolve("cur.csv"),
        "identity/LineItemId,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,"
            + "resourceTags/user:endpoint,product/region,lineItem/UsageAmount,pricing/unit,lineItem/UnblendedCost,"
            + "product/instanceType,kind",
        "abc123,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,AmazonSageMaker,ep-a,us-east-1,1,Hrs,4.5,ml.g5.xlarge,"
            + "COMPUTE");
    ColumnMapping mapping = ColumnMapping.of(Map.of(
        "line_item_id", "identity/LineItemId", "usage_start", "lineItem/UsageStartDate",
        "usage_end", "lineItem/UsageEndDate", "endpoint_id", "resourceTags/user:endpoint",
        "region", "product/region", "quantity", "lineItem/UsageAmount", "unit", "pricing/unit",
        "cost_usd", "lineItem/UnblendedCost", "instance_type", "product/instanceType", "category", "kind"));

    ExportRow row = readAll(file, mapping).get(0);

    assertThat(row.values()).containsExactly(
        entry("line_item_id", "abc123"), entry("endpoint_id", "ep-a"), entry("usage_start", "2026-11-02T10:00:00Z"),
        entry("usage_end", "2026-11-02T11:00:00Z"), entry("category", "COMPUTE"),
        entry("instance_type", "ml.g5.xlarge"), entry("region", "us-east-1"), entry("quantity", "1"),
        entry("unit", "Hrs"), entry("cost_usd", "4.5"));
  }

  @Test
  void refusesAHeaderWithoutANeededColumnNamingTheFieldTheColumnAndTheFix() {
    Path file = Exports.write(dir.resolve("bill.csv"), "line_item_id,endpoint_id,usage_start,usage_end,category,"
        + "region,quantity,unit,lineItem/UnblendedCost");

    assertThatThrownBy(() -> BillingExportReader.open(file, ColumnMapping.defaults()))
        .isInstanceOf(ReplayInputException.class)
        .hasMessage(file + ":1: no column 'cost_usd' for cost_usd (the header has line_item_id, endpoint_id,"
            + " usage_start, usage_end, category, region, quantity, unit, lineItem/UnblendedCost); map another column"
            + " with --map cost_usd=COLUMN");
  }

  @Test
  void anInstanceTypeColumnMayBeAbsentUnlessMapped() throws IOException {
    Path file = Exports.write(dir.resolve("bill.csv"),
        "line_item_id,endpoint_id,usage_start,usage_end,category,region,quantity,unit,cost_usd",
        "li-1,ep-a,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,COMPUTE,us-east-1,1,h,1");

    assertThat(readAll(file, ColumnMapping.defaults()).get(0).values()).containsEntry("instance_type", null);
    assertThatThrownBy(() -> BillingExportReader.open(file, ColumnMapping.of(Map.of("instance_type", "product/type"))))
        .isInstanceOf(ReplayInputException.class)
        .hasMessageContaining("no column 'product/type' for instance_type");
  }

  @Test
  void aRowWithTheWrongNumberOfCellsIsAProblemRowAndReadingGoesOn() throws IOException {
    Path file = Exports.write(dir.resolve("bill.csv"), Exports.HEADER,
        "li-1,ep-a,2026-11-02T10:00:00Z",
        row("li-2", "ep-b", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));

    List<ExportRow> rows = readAll(file, ColumnMapping.defaults());

    assertThat(rows.get(0).problem()).isEqualTo(RowProblem.ofRow("3 cells, but the header has 10 columns"));
    assertThat(rows.get(0).cells()).containsExactly("li-1", "ep-a", "2026-11-02T10:00:00Z");
    assertThat(rows.get(1).problem()).isNull();
  }

  @Test
  void anUnclosedQuoteIsOneProblemRowThatEndsTheFile() throws IOException {
    Path file = Exports.write(dir.resolve("bill.csv"), Exports.HEADER,
        row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"),
        "\"li-2,ep-b,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,COMPUTE,,r,1,h,1",
        row("li-3", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));

    List<ExportRow> rows = readAll(file, ColumnMapping.defaults());

    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).line()).isEqualTo(3);
    assertThat(rows.get(1).problem().message()).startsWith("not CSV, the rest of the file is skipped: ");
  }

  @Test
  void readsJsonLinesWithNumbersNullsAndMappedKeysSkippingBlankLines() throws IOException {
    Path file = Exports.write(dir.resolve("bill.jsonl"), null,
        "{\"line_item_id\":\"j1\",\"endpoint_id\":\"ep-c\",\"usage_start\":1793613600000,"
            + "\"usage_end\":\"2026-11-02T11:00:00Z\",\"category\":\"OTHER\",\"instance_type\":null,"
            + "\"region\":\"eu-west-1\",\"quantity\":1.5,\"unit\":\"GB\",\"cost\":0.25}",
        "   ",
        "{\"line_item_id\":\"j2\"}");

    List<ExportRow> rows = readAll(file, ColumnMapping.of(Map.of("cost_usd", "cost")));

    assertThat(rows).extracting(ExportRow::line).containsExactly(1L, 3L);
    assertThat(rows.get(0).values()).contains(entry("usage_start", "1793613600000"), entry("quantity", "1.5"),
        entry("instance_type", null), entry("cost_usd", "0.25"));
    assertThat(rows.get(0).text()).startsWith("{\"line_item_id\":\"j1\"");
    assertThat(rows.get(1).values()).containsEntry("endpoint_id", null);
  }

  @Test
  void aJsonLineThatIsNoObjectOrHoldsAnObjectForAFieldIsAProblemRow() throws IOException {
    Path file = Exports.write(dir.resolve("bill.jsonl"), null, "not json", "[1,2]",
        "{\"line_item_id\":{\"id\":1}}");

    List<ExportRow> rows = readAll(file, ColumnMapping.defaults());

    assertThat(rows).extracting(r -> r.problem().describe(r.fileName(), r.line())).containsExactly(
        "bill.jsonl:1: not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token"
            + " 'null', 'true' or 'false')",
        "bill.jsonl:2: not a JSON object",
        "bill.jsonl:3: line_item_id: key 'line_item_id' holds an object, not a value");
  }

  @Test
  void readsGzipByTheSuffixForCsvAndJsonLines() throws IOException {
    Path csv = Exports.csv(dir, "bill.csv.gz", row("li-1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1"));
    Path jsonl = Exports.write(dir.resolve("bill.json.gz"), null,
        Exports.jsonRow("j1", "ep-a", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "2"));

    assertThat(readAll(csv, ColumnMapping.defaults())).singleElement()
        .satisfies(r -> assertThat(r.values()).containsEntry("line_item_id", "li-1"));
    try (BillingExportReader reader = BillingExportReader.open(jsonl, ColumnMapping.defaults())) {
      assertThat(reader.format()).isEqualTo(ExportFormat.JSON_LINES);
      assertThat(reader.next().values()).containsEntry("line_item_id", "j1");
      assertThat(reader.hasNext()).isFalse();
      assertThat(reader.bytesRead()).isEqualTo(Files.size(jsonl));
    }
  }

  @Test
  void aTruncatedGzipFailsWhereItStopsBeingReadable() throws IOException {
    Path whole = Exports.csv(dir, "whole.csv.gz", manyRows(2000));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> readAll(cut, ColumnMapping.defaults()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(cut + ": cannot be read after line ");
  }

  @Test
  void refusesMissingEmptyAndUnknownFilesBeforeReading() throws IOException {
    Path missing = dir.resolve("nope.csv");
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    Path parquet = Files.createFile(dir.resolve("bill.parquet"));
    Path notGzip = Files.writeString(dir.resolve("plain.csv.gz"), "not gzip at all");

    assertThatThrownBy(() -> BillingExportReader.open(missing, ColumnMapping.defaults()))
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> BillingExportReader.open(empty, ColumnMapping.defaults()))
        .hasMessageStartingWith(empty + ": empty, not even a header line; the default header is line_item_id,");
    assertThatThrownBy(() -> BillingExportReader.open(parquet, ColumnMapping.defaults()))
        .hasMessage(parquet + ": not a billing export this replay reads; name it " + ExportFormat.SUFFIXES);
    assertThatThrownBy(() -> BillingExportReader.open(notGzip, ColumnMapping.defaults()))
        .isInstanceOf(ReplayInputException.class)
        .hasMessageContaining("is it really gzip?");
  }

  private static String[] manyRows(int count) {
    String[] rows = new String[count];
    for (int i = 0; i < count; i++) {
      rows[i] = row("li-" + i, "ep-" + (i % 7), "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1." + i);
    }
    return rows;
  }

  private static List<ExportRow> readAll(Path file, ColumnMapping mapping) throws IOException {
    List<ExportRow> rows = new ArrayList<>();
    try (BillingExportReader reader = BillingExportReader.open(file, mapping)) {
      reader.forEachRemaining(rows::add);
    }
    return rows;
  }
}
