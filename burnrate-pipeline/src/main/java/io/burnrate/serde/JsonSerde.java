package io.burnrate.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Flat JSON values, as on {@code cost.metrics.hourly}: compact, one object per record, for
 * dashboards that plot each number as a series.
 *
 * <ul>
 *   <li>Java record components and bean properties are written in snake_case ({@code spendUsd} as
 *       {@code spend_usd}); map keys as they are.
 *   <li>{@code null} is written as JSON {@code null}, never left out.
 *   <li>NaN and ±Infinity are written as {@code null}: JSON has no such numbers, and a value that
 *       does not exist (cost per request with no request) is {@code null} by contract.
 *   <li>An {@link Instant} is written as epoch milliseconds.
 * </ul>
 *
 * The deserializer (for tests and {@code burnrate tail}) ignores unknown fields, so it reads newer
 * versions of a value. Thread safe.
 */
public final class JsonSerde<T> implements Serde<T> {

  private final ObjectMapper mapper;
  private final JavaType type;

  /** A serde for values of {@code type}, e.g. a Java record. */
  public JsonSerde(Class<T> type) {
    this.mapper = newMapper();
    this.type = mapper.constructType(Objects.requireNonNull(type, "type"));
  }

  /** A serde for generic values such as {@code Map<String, Object>}. */
  public JsonSerde(TypeReference<T> type) {
    this.mapper = newMapper();
    this.type = mapper.constructType(Objects.requireNonNull(type, "type"));
  }

  /** Flat JSON objects read and written as maps, keys as they are. */
  public static JsonSerde<Map<String, Object>> forMaps() {
    return new JsonSerde<>(new TypeReference<Map<String, Object>>() {});
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return mapper.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException(
            topic + ": cannot write " + value.getClass().getName() + " as JSON: " + messageOf(e), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return mapper.readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException(
            topic + ": not a JSON " + type.getRawClass().getSimpleName() + " value: " + messageOf(e), e);
      }
    };
  }

  private static String messageOf(IOException e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  private static ObjectMapper newMapper() {
    SimpleModule numbers = new SimpleModule("burnrate-json-numbers");
    numbers.addSerializer(Double.class, new FiniteDoubleSerializer());
    numbers.addSerializer(Double.TYPE, new FiniteDoubleSerializer());
    numbers.addSerializer(Float.class, new FiniteFloatSerializer());
    numbers.addSerializer(Float.TYPE, new FiniteFloatSerializer());
    numbers.addSerializer(Instant.class, new EpochMillisSerializer());
    numbers.addDeserializer(Instant.class, new EpochMillisDeserializer());
    return JsonMapper.builder()
        .addModule(numbers)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
    FiniteDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
      if (Double.isFinite(value)) {
        out.writeNumber(value);
      } else {
        out.writeNull();
      }
    }
  }

  private static final class FiniteFloatSerializer extends StdSerializer<Float> {
    FiniteFloatSerializer() {
      super(Float.class);
    }

    @Override
    public void serialize(Float value, JsonGenerator out, SerializerProvider provider) throws IOException {
      if (Float.isFinite(value)) {
        out.writeNumber(value);
      } else {
        out.writeNull();
      }
    }
  }

  private static final class EpochMillisSerializer extends StdSerializer<Instant> {
    EpochMillisSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeNumber(value.toEpochMilli());
    }
  }

  private static final class EpochMillisDeserializer extends StdScalarDeserializer<Instant> {
    EpochMillisDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
      if (in.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return Instant.ofEpochMilli(in.getLongValue());
      }
      return (Instant) context.handleUnexpectedToken(Instant.class, in);
    }
  }
}
