package io.burnrate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A provisioned Grafana dashboard, read for what it queries: PromQL, Kafka topics and JSON fields. */
public final class Dashboard {
  public static final String PATH = "grafana/dashboards/burnrate.json";
  public static final String PROMETHEUS = "prometheus";
  public static final String KAFKA = "hamedkarbasi93-kafka-datasource";
  /** Columns the Kafka data source adds to every frame besides the message's own fields. */
  public static final Set<String> KAFKA_FRAME_COLUMNS = Set.of("time", "partition", "offset", "key", "error");

  private final JsonNode json;

  private Dashboard(JsonNode json) {
    this.json = json;
  }

  public static Dashboard provisioned() {
    return new Dashboard(RepoFiles.json(PATH));
  }

  public JsonNode json() {
    return json;
  }

  /** Every panel, rows' nested panels included. */
  public List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** Panels that query a data source of this type. */
  public List<JsonNode> panelsOf(String type) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        if (type.equals(datasourceType(panel, target))) {
          out.add(panel);
          break;
        }
      }
    }
    return out;
  }

  public List<String> promQueries() {
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        if (PROMETHEUS.equals(datasourceType(panel, target))) {
          exprs.add(target.path("expr").asText());
        }
      }
    }
    return exprs;
  }

  public Set<String> promMetricNames() {
    Set<String> names = new TreeSet<>();
    promQueries().forEach(expr -> names.addAll(PromQl.metricNames(expr)));
    return names;
  }

  public Set<String> kafkaTopics() {
    Set<String> topics = new TreeSet<>();
    for (JsonNode panel : panelsOf(KAFKA)) {
      for (JsonNode target : panel.path("targets")) {
        topics.add(target.path("topicName").asText());
      }
    }
    return topics;
  }

  /** The message fields the Kafka panels' transformations pick, group by, aggregate or split on. */
  public Set<String> kafkaFields() {
    Set<String> fields = new TreeSet<>();
    for (JsonNode panel : panelsOf(KAFKA)) {
      fields.addAll(fieldsOf(panel));
    }
    fields.removeAll(KAFKA_FRAME_COLUMNS);
    return fields;
  }

  /** The message fields one panel's transformations name. */
  public static Set<String> fieldsOf(JsonNode panel) {
    Set<String> fields = new TreeSet<>();
    for (JsonNode transformation : panel.path("transformations")) {
      JsonNode options = transformation.path("options");
      switch (transformation.path("id").asText()) {
        case "filterFieldsByName" -> options.path("include").path("names").forEach(n -> fields.add(n.asText()));
        case "groupBy" -> options.path("fields").fieldNames().forEachRemaining(fields::add);
        case "partitionByValues" -> options.path("fields").forEach(n -> fields.add(n.asText()));
        default -> throw new AssertionError("panel '" + panel.path("title").asText() + "' uses transformation "
            + transformation.path("id").asText() + ", which this check does not read yet");
      }
    }
    return fields;
  }

  /** Every data source uid the dashboard refers to. */
  public Set<String> datasourceUids() {
    Set<String> uids = new TreeSet<>();
    for (JsonNode panel : panels()) {
      if (panel.has("datasource")) {
        uids.add(panel.path("datasource").path("uid").asText());
      }
      for (JsonNode target : panel.path("targets")) {
        if (target.has("datasource")) {
          uids.add(target.path("datasource").path("uid").asText());
        }
      }
    }
    return uids;
  }

  private static String datasourceType(JsonNode panel, JsonNode target) {
    JsonNode source = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
    return source.path("type").asText();
  }
}
