package io.burnrate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

  private static SimulationPlan.Builder small(long seed) {
    return SimulationPlan.builder().endpoints(8).seed(seed).duration(Duration.ofHours(3)).peakRate(1.5)
        .scenario(Scenario.DEATH_SPIRAL, 5, SimulationPlan.DEFAULT_START.plusSeconds(3600), Duration.ofHours(1));
  }

  @Test
  void theSameSeedWritesByteIdenticalFiles(@TempDir Path dir) throws Exception {
    writeTo(dir.resolve("a"), small(7).build());
    writeTo(dir.resolve("b"), small(7).build());

    List<Path> files = listFiles(dir.resolve("a"));
    assertThat(files).hasSize(9);
    for (Path file : files) {
      assertThat(Files.mismatch(file, dir.resolve("b").resolve(file.getFileName()))).as(file.toString()).isEqualTo(-1);
    }
  }

  @Test
  void anotherSeedGivesOtherRecords() {
    List<String> seven = lines(new Simulator(small(7).build()).events(), null);
    List<String> eight = lines(new Simulator(small(8).build()).events(), null);
    assertThat(seven).isNotEqualTo(eight);
    assertThat(seven.size()).isNotEqualTo(eight.size());
  }

  @Test
  void anEndpointBehavesTheSameWhateverTheFleetSize() {
    String id = SimIds.endpointId(5);
    List<String> inEight = lines(new Simulator(small(7).build()).events(), id);
    List<String> inForty = lines(new Simulator(small(7).endpoints(40).build()).events(), id);
    List<String> alone = lines(new Simulator(small(7).endpoints(40).only(5).build()).events(), id);

    assertThat(inEight).hasSizeGreaterThan(1000);
    assertThat(inForty).isEqualTo(inEight);
    assertThat(alone).isEqualTo(inEight);
  }

  @Test
  void eachPassOverTheSameSimulatorIsTheSame() {
    Simulator simulator = new Simulator(small(3).build());
    assertThat(lines(simulator.events(), null)).isEqualTo(lines(simulator.events(), null));
  }

  private static void writeTo(Path dir, SimulationPlan plan) throws Exception {
    Simulator simulator = new Simulator(plan);
    try (FileSink sink = new FileSink(dir, plan.topics())) {
      sink.writeGroundTruth(simulator.groundTruth());
      sink.write(simulator.events(), Progress.NONE);
    }
  }

  private static List<Path> listFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /** Every record as text (topic, appearance time, fields), optionally of one endpoint only. */
  private static List<String> lines(Iterator<SimEvent> events, String endpointId) {
    List<String> lines = new ArrayList<>();
    while (events.hasNext()) {
      SimEvent event = events.next();
      if (endpointId == null || event.key().equals(endpointId)) {
        lines.add(event.topic() + "@" + event.appearsAt() + ":" + RecordColumns.csvLine(RecordColumns.cells(event.value())));
      }
    }
    return lines;
  }
}
