package io.burnrate.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Writes a simulation to a directory: for each topic {@code <topic>.csv} (a header row of the
 * record's field names as in docs/contract.md, then one row per record) and {@code <topic>.jsonl} (one JSON
 * object per line, the same fields), rows in appearance order; and {@link #writeGroundTruth}'s {@code
 * ground-truth.json}. Instants are ISO-8601 UTC, so {@code billing.events.csv} has the header
 * {@code line_item_id,endpoint_id,usage_start,usage_end,category,instance_type,region,quantity,unit,cost_usd}
 * and can be read back as a provider's billing export. The endpoint configs are {@code
 * endpoint.config.csv}/{@code .jsonl}.
 */
public final class FileSink implements EventSink {
  public static final String GROUND_TRUTH_FILE = "ground-truth.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final Map<String, Writer> csv = new LinkedHashMap<>();
  private final Map<String, Writer> jsonl = new LinkedHashMap<>();

  /**
   * Creates {@code dir} if needed and the files of every topic (so a topic without records has its
   * header row); existing files are replaced.
   */
  public FileSink(Path dir, TopicNames topics) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    open(topics.endpointConfig(), EndpointConfig.getClassSchema());
    open(topics.requests(), InferenceRequest.getClassSchema());
    open(topics.replicas(), ReplicaEvent.getClassSchema());
    open(topics.billing(), BillingEvent.getClassSchema());
  }

  /** The files written for {@code topic}. */
  public static List<Path> filesOf(Path dir, String topic) {
    return List.of(dir.resolve(topic + ".csv"), dir.resolve(topic + ".jsonl"));
  }

  private void open(String topic, Schema schema) throws IOException {
    Writer csvWriter = writer(dir.resolve(topic + ".csv"));
    csvWriter.write(RecordColumns.csvLine(RecordColumns.names(schema)));
    csvWriter.write('\n');
    csv.put(topic, csvWriter);
    jsonl.put(topic, writer(dir.resolve(topic + ".jsonl")));
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Writes every event as fast as it comes and finishes; returns the number of records written. */
  public long write(Iterator<SimEvent> events, Progress progress) throws IOException, InterruptedException {
    return Drain.run(events, Pace.unpaced(), progress, List.of(this));
  }

  @Override
  public void accept(SimEvent event) throws IOException {
    Writer csvWriter = csv.get(event.topic());
    if (csvWriter == null) {
      throw new IllegalArgumentException("no file for topic " + event.topic() + "; this sink writes " + csv.keySet());
    }
    csvWriter.write(RecordColumns.csvLine(RecordColumns.cells(event.value())));
    csvWriter.write('\n');
    Writer jsonWriter = jsonl.get(event.topic());
    jsonWriter.write(JSON.writeValueAsString(RecordColumns.json(event.value())));
    jsonWriter.write('\n');
  }

  /** Writes {@code ground-truth.json}: one object per scenario window. */
  public void writeGroundTruth(List<GroundTruth> truths) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (GroundTruth truth : truths) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("endpoint_id", truth.endpointId());
      row.put("endpoint_index", truth.endpointIndex());
      row.put("scenario", truth.scenario().name());
      row.put("start", truth.start().toString());
      row.put("end", truth.end().toString());
      row.put("expected_rules", truth.expectedRules().stream().map(Enum::name).toList());
      row.put("possible_rules", truth.possibleRules().stream().map(Enum::name).toList());
      row.put("description", truth.scenario().description());
      rows.add(row);
    }
    Files.writeString(dir.resolve(GROUND_TRUTH_FILE), PRETTY.writeValueAsString(rows) + "\n", StandardCharsets.UTF_8);
  }

  @Override
  public void finish() throws IOException {
    for (Writer writer : allWriters()) {
      writer.flush();
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Writer writer : allWriters()) {
      try {
        writer.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new IOException("closing the files in " + dir + ": " + first.getMessage(), first);
    }
  }

  private List<Writer> allWriters() {
    List<Writer> all = new ArrayList<>(csv.values());
    all.addAll(jsonl.values());
    return all;
  }
}
