package io.burnrate.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client of the registry sees: per subject its latest version (id, version, schema), and per id
 * the schema it resolves to, as the registry's HTTP API answers.
 */
final class RegistrySnapshot {
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RegistrySnapshot() {}

  /** "subject S" -> latest version's JSON, and "id N" -> the schema JSON of that id. */
  static Map<String, String> take(String registryUrl) {
    Map<String, String> snapshot = new TreeMap<>();
    Matcher subjects = QUOTED.matcher(get(registryUrl + "/subjects"));
    while (subjects.find()) {
      String subject = subjects.group(1);
      String latest = get(registryUrl + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
          + "/versions/latest");
      snapshot.put("subject " + subject, latest);
      Matcher id = ID.matcher(latest);
      if (!id.find()) {
        throw new AssertionError("no id in the registry's answer for " + subject + ": " + latest);
      }
      snapshot.put("id " + id.group(1), get(registryUrl + "/schemas/ids/" + id.group(1)));
    }
    return snapshot;
  }

  private static String get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: GET " + url, e);
    }
  }
}
