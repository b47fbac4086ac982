package io.burnrate.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record tables of the contract ({@code docs/contract.md}): under each heading {@code ### `topic` — record `Name`}, a
 * markdown table {@code | field | type | meaning |}.
 */
final class ContractTables {

  record Field(String name, String type, String meaning) {}

  record Record(String topic, String name, List<Field> fields) {}

  private static final Pattern RECORD_HEADING = Pattern.compile("^###\\s+`([^`]+)`\\s+.*record\\s+`(\\w+)`");
  private static final Pattern TOPIC_HEADING = Pattern.compile("^###\\s+`([^`]+)`");

  private final Map<String, Record> records;
  private final List<String> topics;

  private ContractTables(Map<String, Record> records, List<String> topics) {
    this.records = Collections.unmodifiableMap(records);
    this.topics = List.copyOf(topics);
  }

  static ContractTables parse(String markdown) {
    Map<String, Record> records = new LinkedHashMap<>();
    List<String> topics = new ArrayList<>();
    String topic = null;
    String name = null;
    List<Field> fields = null;
    for (String line : markdown.split("\\R")) {
      Matcher topicHeading = TOPIC_HEADING.matcher(line);
      if (topicHeading.find()) {
        topics.add(topicHeading.group(1));
      }
      Matcher heading = RECORD_HEADING.matcher(line);
      if (heading.find()) {
        topic = heading.group(1);
        name = heading.group(2);
        fields = new ArrayList<>();
        records.put(name, new Record(topic, name, fields));
        continue;
      }
      if (line.startsWith("## ") || line.startsWith("### ")) {
        fields = null;
        continue;
      }
      if (fields != null && line.startsWith("| ") && !line.startsWith("| field") && !line.startsWith("| ---")) {
        String[] cells = line.strip().replaceAll("^\\||\\|$", "").split("\\|", -1);
        if (cells.length >= 2) {
          fields.add(new Field(cells[0].strip(), cells[1].strip(), cells.length > 2 ? cells[2].strip() : ""));
        }
      }
    }
    records.replaceAll((key, r) -> new Record(r.topic(), r.name(), List.copyOf(r.fields())));
    return new ContractTables(records, topics);
  }

  /** Records by name, in the contract's order. */
  Map<String, Record> records() {
    return records;
  }

  /** Every topic with a heading of its own, in the contract's order. */
  List<String> topics() {
    return topics;
  }
}
