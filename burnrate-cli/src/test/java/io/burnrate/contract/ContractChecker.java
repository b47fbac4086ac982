package io.burnrate.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/** Compares an Avro record schema with its table in the contract ({@code docs/contract.md}) and lists every difference. */
final class ContractChecker {

  static final String NAMESPACE = "io.burnrate.schema";

  private static final Pattern ENUM = Pattern.compile("enum `(\\w+)`\\s*\\{([^}]*)\\}(?:\\s*default `(\\w+)`)?");
  private static final Pattern MAP = Pattern.compile("map of (\\w+)(?:, default `(\\{\\})`)?");
  private static final Pattern WITH_DEFAULT = Pattern.compile("(\\w+), default `?([^`]+)`?");
  private static final String OPTIONAL = "optional ";

  private ContractChecker() {}

  static List<String> check(ContractTables.Record contract, Schema schema) {
    List<String> problems = new ArrayList<>();
    String where = contract.name();
    if (schema.getType() != Schema.Type.RECORD) {
      problems.add(where + ": expected a record, got " + schema.getType());
      return problems;
    }
    if (!contract.name().equals(schema.getName())) {
      problems.add(where + ": record name " + schema.getName() + " != " + contract.name());
    }
    if (!NAMESPACE.equals(schema.getNamespace())) {
      problems.add(where + ": namespace " + schema.getNamespace() + " != " + NAMESPACE);
    }
    List<String> expectedOrder = contract.fields().stream().map(ContractTables.Field::name).toList();
    List<String> actualOrder =
        schema.getFields().stream().map(Schema.Field::name).filter(expectedOrder::contains).toList();
    for (ContractTables.Field field : contract.fields()) {
      Schema.Field actual = schema.getField(field.name());
      if (actual == null) {
        problems.add(where + "." + field.name() + ": missing");
      } else {
        checkField(actual, field.type(), where + "." + field.name(), problems);
      }
    }
    if (problems.stream().noneMatch(p -> p.endsWith(": missing")) && !actualOrder.equals(expectedOrder)) {
      problems.add(where + ": field order " + actualOrder + " != contract order " + expectedOrder);
    }
    for (Schema.Field extra : schema.getFields()) {
      if (!expectedOrder.contains(extra.name()) && !extra.hasDefaultValue()) {
        problems.add(where + "." + extra.name() + ": not in the contract and has no default");
      }
    }
    return problems;
  }

  private static void checkField(Schema.Field field, String contractType, String where, List<String> problems) {
    String type = contractType.strip();
    if (type.startsWith(OPTIONAL)) {
      Schema union = field.schema();
      if (union.getType() != Schema.Type.UNION
          || union.getTypes().size() != 2
          || union.getTypes().get(0).getType() != Schema.Type.NULL) {
        problems.add(where + ": expected union [null, T], got " + union);
        return;
      }
      if (!field.hasDefaultValue() || field.defaultVal() != JsonProperties.NULL_VALUE) {
        problems.add(where + ": an optional field needs default null, got " + describeDefault(field));
      }
      checkType(union.getTypes().get(1), null, type.substring(OPTIONAL.length()), where, problems);
      return;
    }
    checkType(field.schema(), field, type, where, problems);
  }

  /** {@code field} is null for the inner type of a union, whose default is the union's. */
  private static void checkType(Schema actual, Schema.Field field, String type, String where, List<String> problems) {
    Matcher enumType = ENUM.matcher(type);
    if (enumType.matches()) {
      checkEnum(actual, enumType, where, problems);
      return;
    }
    Matcher map = MAP.matcher(type);
    if (map.matches()) {
      if (actual.getType() != Schema.Type.MAP || !actual.getValueType().getName().equals(map.group(1))) {
        problems.add(where + ": expected map of " + map.group(1) + ", got " + actual);
      }
      if (map.group(2) != null && (field == null || !(field.defaultVal() instanceof Map<?, ?> m && m.isEmpty()))) {
        problems.add(where + ": expected default {}, got " + describeDefault(field));
      }
      return;
    }
    if (type.equals("timestamp-millis")) {
      LogicalType logical = actual.getLogicalType();
      if (actual.getType() != Schema.Type.LONG || logical == null || !logical.getName().equals("timestamp-millis")) {
        problems.add(where + ": expected long with logicalType timestamp-millis, got " + actual);
      }
      return;
    }
    Matcher withDefault = WITH_DEFAULT.matcher(type);
    String primitive = withDefault.matches() ? withDefault.group(1) : type;
    if (!actual.getType().getName().equals(primitive) || actual.getLogicalType() != null) {
      problems.add(where + ": expected " + primitive + ", got " + actual);
    }
    if (withDefault.matches()) {
      Object expected = switch (withDefault.group(2)) {
        case "false" -> Boolean.FALSE;
        case "true" -> Boolean.TRUE;
        default -> withDefault.group(2);
      };
      Object actualDefault = field == null || !field.hasDefaultValue() ? null : field.defaultVal();
      if (!Objects.equals(expected, actualDefault)) {
        problems.add(where + ": expected default " + expected + ", got " + describeDefault(field));
      }
    }
  }

  private static void checkEnum(Schema actual, Matcher contract, String where, List<String> problems) {
    String name = contract.group(1);
    if (actual.getType() != Schema.Type.ENUM) {
      problems.add(where + ": expected enum " + name + ", got " + actual);
      return;
    }
    if (!actual.getName().equals(name)) {
      problems.add(where + ": enum name " + actual.getName() + " != " + name);
    }
    if (!NAMESPACE.equals(actual.getNamespace())) {
      problems.add(where + ": enum namespace " + actual.getNamespace() + " != " + NAMESPACE);
    }
    List<String> symbols = Arrays.stream(contract.group(2).split(",")).map(String::strip).toList();
    if (!actual.getEnumSymbols().equals(symbols)) {
      problems.add(where + ": enum " + name + " symbols " + actual.getEnumSymbols() + " != " + symbols);
    }
    String expectedDefault = contract.group(3);
    if (expectedDefault == null) {
      problems.add(where + ": the contract names no default symbol for enum " + name);
    } else if (!expectedDefault.equals(actual.getEnumDefault())) {
      problems.add(where + ": enum " + name + " needs default symbol " + expectedDefault + " on the enum type, got "
          + actual.getEnumDefault());
    }
  }

  private static String describeDefault(Schema.Field field) {
    if (field == null || !field.hasDefaultValue()) {
      return "no default";
    }
    Object value = field.defaultVal();
    return value == JsonProperties.NULL_VALUE ? "null" : String.valueOf(value);
  }
}
