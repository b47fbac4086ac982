package io.burnrate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayInputsTest {
  @TempDir Path dir;

  @Test
  void aDirectoryMeansItsExportsInNameOrderWithoutRejectFilesOrOtherFiles() throws IOException {
    for (String name : List.of("c.jsonl", "a.csv.gz", "b.csv", "d.json.gz", "e.jsonl.gz", "b.csv.rejects.csv",
        "c.jsonl.rejects.jsonl", "notes.txt", "f.json")) {
      Files.createFile(dir.resolve(name));
    }
    Files.createDirectory(dir.resolve("nested.csv"));

    assertThat(ReplayInputs.expand(List.of(dir))).extracting(p -> p.getFileName().toString())
        .containsExactly("a.csv.gz", "b.csv", "c.jsonl", "d.json.gz", "e.jsonl.gz");
  }

  @Test
  void filesKeepTheirOrderAndAFileNamedTwiceIsReadOnce() throws IOException {
    Path b = Files.createFile(dir.resolve("b.csv"));
    Path a = Files.createFile(dir.resolve("a.csv"));

    assertThat(ReplayInputs.expand(List.of(b, a, dir))).containsExactly(b, a);
  }

  @Test
  void refusesMissingPathsUnknownFormatsRejectFilesAndEmptyDirectories() throws IOException {
    Path missing = dir.resolve("missing.csv");
    Path text = Files.createFile(dir.resolve("notes.txt"));
    Path rejects = Files.createFile(dir.resolve("bill.csv.rejects.csv"));
    Path empty = Files.createDirectory(dir.resolve("empty"));

    assertThatThrownBy(() -> ReplayInputs.expand(List.of(missing))).isInstanceOf(ReplayInputException.class)
        .hasMessage(missing + ": no such file or directory");
    assertThatThrownBy(() -> ReplayInputs.expand(List.of(text)))
        .hasMessage(text + ": not a billing export this replay reads; name it " + ExportFormat.SUFFIXES);
    assertThatThrownBy(() -> ReplayInputs.expand(List.of(rejects)))
        .hasMessageStartingWith(rejects + ": the reject file of an earlier replay");
    assertThatThrownBy(() -> ReplayInputs.expand(List.of(empty)))
        .hasMessage(empty + ": a directory without billing exports (" + ExportFormat.SUFFIXES + ")");
    assertThatThrownBy(() -> ReplayInputs.expand(List.of()))
        .hasMessageStartingWith("name at least one export file or directory");
  }

  @Test
  void rejectFilesLieNextToTheirInput() {
    assertThat(ExportFormat.CSV.rejectFileFor(dir.resolve("bill-2026-11.csv.gz")))
        .isEqualTo(dir.resolve("bill-2026-11.csv.gz.rejects.csv"));
    assertThat(ExportFormat.JSON_LINES.rejectFileFor(dir.resolve("bill.jsonl")))
        .isEqualTo(dir.resolve("bill.jsonl.rejects.jsonl"));
  }
}
