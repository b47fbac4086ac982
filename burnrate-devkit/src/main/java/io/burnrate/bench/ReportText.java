package io.burnrate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** Shared pieces of the reports: the conditions header and number formats. */
final class ReportText {
  static final double MIB = 1024.0 * 1024.0;

  private ReportText() {}

  static void header(StringBuilder out, String title, Conditions c) {
    out.append(title).append('\n');
    out.append(String.format(Locale.ROOT, "  machine    %d cores, Java %s, max heap %.0f MiB; Kafka %s; broker %s%n",
        c.cores(), c.javaVersion(), c.maxHeapBytes() / MIB, c.kafkaVersion(),
        c.brokerEmbedded() ? "and registry embedded in this JVM (CPU time and heap include theirs)"
            : "external (CPU time and heap are this JVM's only)"));
    out.append(String.format(Locale.ROOT, "  streams    guarantee %s, commit.interval.ms %d, statestore.cache.max.bytes %d,"
            + " max.task.idle.ms %d, %d stream thread(s), %d partitions per topic%n",
        String.join(" and ", c.guarantees().stream().map(Guarantee::setting).toList()), c.commitIntervalMs(),
        c.cacheMaxBytes(), c.maxTaskIdleMs(), c.streamThreads(), c.partitions()));
    StringBuilder topics = new StringBuilder();
    for (Map.Entry<String, Long> entry : c.recordsPerTopic().entrySet()) {
      topics.append(topics.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ').append(count(entry.getValue()));
    }
    out.append(String.format(Locale.ROOT, "  input      %s endpoints, %s records (%s) + %s endpoint configs; simulated %s%n",
        count(c.endpoints()), count(c.inputRecords()), topics, count(c.configRecords()), c.simulated()));
  }

  static void conditionsJson(ObjectNode node, Conditions c) {
    node.put("cores", c.cores());
    node.put("kafka_version", c.kafkaVersion());
    node.put("java_version", c.javaVersion());
    node.put("max_heap_bytes", c.maxHeapBytes());
    node.put("broker_embedded", c.brokerEmbedded());
    var guarantees = node.putArray("guarantees");
    c.guarantees().forEach(g -> guarantees.add(g.setting()));
    node.put("commit_interval_ms", c.commitIntervalMs());
    node.put("statestore_cache_max_bytes", c.cacheMaxBytes());
    node.put("max_task_idle_ms", c.maxTaskIdleMs());
    node.put("stream_threads", c.streamThreads());
    node.put("partitions", c.partitions());
    node.put("endpoints", c.endpoints());
    node.put("input_records", c.inputRecords());
    ObjectNode perTopic = node.putObject("records_per_topic");
    c.recordsPerTopic().forEach(perTopic::put);
    node.put("config_records", c.configRecords());
    node.put("simulated", c.simulated());
    node.put("repetitions", c.repetitions());
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (Math.abs(value) >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
