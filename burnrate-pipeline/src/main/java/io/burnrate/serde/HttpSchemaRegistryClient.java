package io.burnrate.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, on the JDK's HTTP
 * client. Works with any registry that speaks that API (Confluent, Redpanda, Karapace, Apicurio's
 * ccompat).
 *
 * <p>Ids by (subject, schema) and schemas by id are cached for the life of the client, so once warm
 * the serializers and deserializers make no HTTP call. Connection errors, timeouts and answers 5xx,
 * 408 and 429 are retried with exponential backoff, moving on to the next URL, within the attempts
 * and the time the settings allow; any other 4xx raises {@link RegistryException} at once. Thread
 * safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";

  private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
  private static final int MAX_ERROR_TEXT = 300;

  private final RegistryClientSettings settings;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Optional<String> authorization;
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  /** Index of the URL that answered last; calls start there. */
  private final AtomicInteger preferredUrl = new AtomicInteger();

  private record SubjectSchema(String subject, Schema schema) {}

  private record Call(String method, String path, String body, String context, String subject, Integer schemaId) {}

  public HttpSchemaRegistryClient(RegistryClientSettings settings) {
    this.settings = settings;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    settings.sslContext().ifPresent(builder::sslContext);
    this.http = builder.build();
    this.authorization =
        settings.basicAuthUserInfo()
            .map(userInfo -> "Basic " + base64(userInfo));
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer =
        call(new Call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
            "register " + schema.getFullName(), subject, null));
    int id = requireId(answer, "register " + schema.getFullName(), subject);
    remember(key, id);
    return id;
  }

  @Override
  public int getId(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer =
        call(new Call("POST", "/subjects/" + encode(subject), schemaBody(schema),
            "look up " + schema.getFullName(), subject, null));
    int id = requireId(answer, "look up " + schema.getFullName(), subject);
    remember(key, id);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String context = "fetch schema by id";
    JsonNode answer = call(new Call("GET", "/schemas/ids/" + id, null, context, null, id));
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw unexpected(context, "a " + type + " schema; only Avro is supported", null, id);
    }
    if (answer.path("references").size() > 0) {
      throw unexpected(context, "schema references are not supported", null, id);
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw unexpected(context, "answer has no \"schema\" text: " + abbreviate(answer.toString()), null, id);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new RegistryException(
          context, "not a valid Avro schema: " + e.getMessage(), 200, RegistryException.NO_RESPONSE,
          null, null, id, e);
    }
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced == null ? schema : raced;
  }

  @Override
  public Optional<String> compatibility(String subject) {
    try {
      JsonNode answer =
          call(new Call("GET", "/config/" + encode(subject), null, "read compatibility", subject, null));
      JsonNode level =
          answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
      return level == null || level.isNull() ? Optional.empty() : Optional.of(level.asText());
    } catch (RegistryException e) {
      // 40401 or 40408: the subject has no level of its own. A 404 without a registry error code
      // (a wrong base URL, a proxy page) is not an answer and stays an error.
      if (e.isNotFound() && e.errorCode() / 100 == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void setCompatibility(String subject, String level) {
    ObjectNode body = json.createObjectNode().put("compatibility", level);
    call(new Call(
        "PUT", "/config/" + encode(subject), body.toString(), "set compatibility " + level, subject, null));
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return compatibilityAnswer(subject, schema, false).map(answer -> answer.get("is_compatible").asBoolean())
        .orElse(true);
  }

  @Override
  public List<String> incompatibilities(String subject, Schema schema) {
    Optional<JsonNode> answer = compatibilityAnswer(subject, schema, true);
    if (answer.isEmpty() || answer.get().get("is_compatible").asBoolean()) {
      return List.of();
    }
    List<String> reasons = new ArrayList<>();
    answer.get().path("messages").forEach(message -> reasons.add(message.asText()));
    if (reasons.isEmpty()) {
      reasons.add("the registry refuses it under the compatibility level of subject '" + subject + "'");
    }
    return List.copyOf(reasons);
  }

  @Override
  public Optional<RegisteredSchema> latestVersion(String subject) {
    String context = "read the latest version";
    JsonNode answer;
    try {
      answer = call(new Call("GET", "/subjects/" + encode(subject) + "/versions/latest", null, context, subject, null));
    } catch (RegistryException e) {
      // 40401 no such subject, 40402 no version: nobody has registered one yet.
      if (e.isNotFound() && (e.errorCode() == 40401 || e.errorCode() == 40402)) {
        return Optional.empty();
      }
      throw e;
    }
    JsonNode id = answer.get("id");
    JsonNode version = answer.get("version");
    if (id == null || !id.canConvertToInt() || version == null || !version.canConvertToInt()) {
      throw unexpected(context, "answer has no id and version: " + abbreviate(answer.toString()), subject, null);
    }
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw unexpected(context, "a " + type + " schema; only Avro is supported", subject, id.asInt());
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw unexpected(context, "answer has no \"schema\" text: " + abbreviate(answer.toString()), subject, null);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new RegistryException(
          context, "not a valid Avro schema: " + e.getMessage(), 200, RegistryException.NO_RESPONSE,
          null, subject, id.asInt(), e);
    }
    return Optional.of(new RegisteredSchema(subject, version.asInt(), id.asInt(), schema));
  }

  /** The registry's verdict on {@code schema} after the latest version, or empty for a subject without versions. */
  private Optional<JsonNode> compatibilityAnswer(String subject, Schema schema, boolean verbose) {
    String context = "check compatibility of " + schema.getFullName();
    try {
      JsonNode answer =
          call(new Call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest"
              + (verbose ? "?verbose=true" : ""), schemaBody(schema), context, subject, null));
      JsonNode verdict = answer.get("is_compatible");
      if (verdict == null || !verdict.isBoolean()) {
        throw unexpected(context, "answer has no is_compatible: " + abbreviate(answer.toString()), subject, null);
      }
      return Optional.of(answer);
    } catch (RegistryException e) {
      // 40401 no such subject, 40402 no version yet: nothing to be incompatible with.
      if (e.isNotFound() && (e.errorCode() == 40401 || e.errorCode() == 40402)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "HttpSchemaRegistryClient[" + settings + "]";
  }

  private void remember(SubjectSchema key, int id) {
    idsBySubjectSchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, key.schema());
  }

  private String schemaBody(Schema schema) {
    return json.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static int requireId(JsonNode answer, String context, String subject) {
    JsonNode id = answer.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw unexpected(context, "answer has no schema id: " + abbreviate(answer.toString()), subject, null);
    }
    return id.asInt();
  }

  private JsonNode call(Call call) {
    List<URI> urls = settings.urls();
    long started = System.nanoTime();
    long budgetNanos = settings.maxRetryTime().toNanos();
    int first = preferredUrl.get();
    Failure last = null;
    int attempt = 1;
    for (; attempt <= settings.maxAttempts(); attempt++) {
      int urlIndex = (first + attempt - 1) % urls.size();
      URI base = urls.get(urlIndex);
      try {
        HttpResponse<String> response =
            http.send(request(base, call), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          preferredUrl.set(urlIndex);
          return parse(response.body(), call);
        }
        ErrorBody error = errorBody(response.body());
        if (!isRetriable(status)) {
          throw RegistryException.rejected(
              call.context(), status, error.code(), error.message(), call.subject(), call.schemaId());
        }
        last = new Failure(base, status, error, null);
      } catch (IOException e) {
        last = new Failure(base, RegistryException.NO_RESPONSE, ErrorBody.NONE, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(call, e);
      }
      if (attempt == settings.maxAttempts()) {
        break;
      }
      Duration pause = backoff(attempt);
      if (System.nanoTime() - started + pause.toNanos() > budgetNanos) {
        break;
      }
      log.warn("Schema registry at {} failed to {} ({}); attempt {} of {}, retrying in {} ms",
          base, call.context(), last.describe(), attempt, settings.maxAttempts(), pause.toMillis());
      pauseFor(pause, call);
    }
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    int attempts = Math.min(attempt, settings.maxAttempts());
    String unreachable = last.cause() == null ? "" : " (" + last.describe() + ")";
    throw new RegistryException(
        call.context(),
        "failed after " + attempts + " attempt(s) in " + elapsedMillis + " ms, last at " + last.url()
            + unreachable,
        last.status(), last.error().code(), last.error().message(), call.subject(), call.schemaId(), last.cause());
  }

  /** An answer with status 2xx that is not what the API promises. */
  private static RegistryException unexpected(String operation, String detail, String subject, Integer schemaId) {
    return new RegistryException(
        operation, detail, 200, RegistryException.NO_RESPONSE, null, subject, schemaId, null);
  }

  private static RegistryException interrupted(Call call, InterruptedException e) {
    return new RegistryException(
        call.context(), "interrupted", RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE, null,
        call.subject(), call.schemaId(), e);
  }

  private HttpRequest request(URI base, Call call) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + call.path()))
            .timeout(settings.requestTimeout())
            .header("Accept", ACCEPT);
    authorization.ifPresent(value -> builder.header("Authorization", value));
    if (call.body() == null) {
      builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", CONTENT_TYPE)
          .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private JsonNode parse(String body, Call call) {
    if (body == null || body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RegistryException(
          call.context(), "answer is not JSON: " + abbreviate(body), 200, RegistryException.NO_RESPONSE, null,
          call.subject(), call.schemaId(), e);
    }
  }

  private ErrorBody errorBody(String body) {
    if (body == null || body.isBlank()) {
      return ErrorBody.NONE;
    }
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject()) {
        return new ErrorBody(
            node.path("error_code").asInt(RegistryException.NO_RESPONSE), node.path("message").asText(""));
      }
    } catch (JsonProcessingException notJson) {
      // e.g. an HTML page from a proxy: keep its start as the message
    }
    return new ErrorBody(RegistryException.NO_RESPONSE, abbreviate(body));
  }

  private static boolean isRetriable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private Duration backoff(int attempt) {
    long initial = settings.initialBackoff().toMillis();
    long doubled = initial << Math.min(attempt - 1, 30);
    return Duration.ofMillis(Math.min(settings.maxBackoff().toMillis(), doubled < 0 ? Long.MAX_VALUE : doubled));
  }

  private static void pauseFor(Duration pause, Call call) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(call, e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "...";
  }

  private record ErrorBody(int code, String message) {
    static final ErrorBody NONE = new ErrorBody(RegistryException.NO_RESPONSE, "");
  }

  private record Failure(URI url, int status, ErrorBody error, IOException cause) {
    String describe() {
      if (cause != null) {
        String detail = cause.getMessage();
        return cause.getClass().getSimpleName() + (detail == null ? "" : ": " + detail);
      }
      return "HTTP " + status + (error.message().isEmpty() ? "" : ": " + error.message());
    }
  }
}
