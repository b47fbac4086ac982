package io.burnrate.registryfaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * Everything a registry serves about its schemas, read over its REST API: the subjects, each
 * subject's versions (with id and schema), and each id's schema. Two snapshots are equal when a
 * client cannot tell the registries apart.
 *
 * @param answers the answer to each GET, by path
 * @param ids every schema id some version holds
 */
public record RegistrySnapshot(Map<String, String> answers, SortedSet<Integer> ids) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static RegistrySnapshot of(String url) {
    Map<String, String> answers = new TreeMap<>();
    SortedSet<Integer> ids = new TreeSet<>();
    JsonNode subjects = get(url, "/subjects", answers);
    for (JsonNode subject : subjects) {
      String path = "/subjects/" + URLEncoder.encode(subject.asText(), StandardCharsets.UTF_8) + "/versions";
      for (JsonNode version : get(url, path, answers)) {
        ids.add(get(url, path + "/" + version.asInt(), answers).get("id").asInt());
      }
    }
    for (int id : ids) {
      get(url, "/schemas/ids/" + id, answers);
    }
    return new RegistrySnapshot(Map.copyOf(answers), ids);
  }

  /** The schema served for {@code id} when the snapshot was taken. */
  Schema schema(int id) {
    try {
      return new Schema.Parser().parse(JSON.readTree(answers.get("/schemas/ids/" + id)).get("schema").asText());
    } catch (IOException e) {
      throw new IllegalStateException("the answer for schema id " + id + " is not JSON", e);
    }
  }

  private static JsonNode get(String url, String path, Map<String, String> answers) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + url + path + " answered " + response.statusCode() + ": " + response.body());
      }
      answers.put(path, response.body());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + url + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + url + path, e);
    }
  }
}
