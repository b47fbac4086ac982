package io.burnrate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Burnrate alone at several fleet sizes with the same number of records: one run per step over input
 * prepared for that step (and deleted after it), to see whether memory follows the state on disk or
 * the heap.
 */
public final class ScaleBench {
  private final BenchCluster cluster;
  private final InputPreparer preparer;
  private final RunMeasurer measurer;
  private final BenchTopics names;

  public ScaleBench(BenchCluster cluster, InputPreparer preparer, RunMeasurer measurer, BenchTopics names) {
    this.cluster = cluster;
    this.preparer = preparer;
    this.measurer = measurer;
    this.names = names;
  }

  /** One prepared input and its run. */
  public record Step(PreparedInput input, RunResult run) {}

  public ScaleReport run(List<Integer> endpointSteps, long records, Duration span, long seed, int partitions,
      Guarantee guarantee, java.util.Map<String, String> settings) throws InterruptedException {
    List<Step> steps = new ArrayList<>();
    for (int endpoints : endpointSteps) {
      String phase = "scale-" + endpoints;
      PreparedInput input = preparer.prepare(names.inputs(phase), partitions, endpoints, records, span, seed);
      try {
        steps.add(new Step(input, measurer.measure(AppKind.BURNRATE, guarantee, 1, phase, input)));
      } finally {
        cluster.deleteTopics(List.of(), List.of(names.prefix() + phase + "."));
      }
    }
    Conditions conditions = ThroughputBench.conditions(steps.get(0).input(), List.of(guarantee), 1, settings,
        cluster.embedded());
    return new ScaleReport(conditions, steps);
  }
}
