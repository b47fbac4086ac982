package io.burnrate.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression selects (not its functions, keywords or label names). */
public final class PromQl {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of(
      "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless",
      "inf", "nan");

  private PromQl() {}

  public static Set<String> metricNames(String expr) {
    String text = STRING.matcher(expr).replaceAll("\"\"");
    text = MATCHERS.matcher(text).replaceAll(" ");
    text = RANGE.matcher(text).replaceAll(" ");
    text = LABEL_LIST.matcher(text).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(text);
    while (identifier.find()) {
      String name = identifier.group();
      if (KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)) || isCall(text, identifier.end())
          || isDuration(text, identifier.start())) {
        continue;
      }
      names.add(name);
    }
    return names;
  }

  private static boolean isCall(String text, int end) {
    int i = end;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '(';
  }

  /** The unit of a number such as {@code 5m} after {@code offset}. */
  private static boolean isDuration(String text, int start) {
    return start > 0 && Character.isDigit(text.charAt(start - 1));
  }
}
