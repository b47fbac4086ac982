package io.burnrate.serde;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of a Confluent-API schema registry that Burnrate uses. Small on purpose, so that a
 * deployment with access to Confluent's own client can put it behind this interface.
 *
 * <p>Every method may throw {@link RegistryException}: for a rejection by the registry (it carries
 * the HTTP status and the registry's {@code error_code}) or when the registry cannot be reached.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id.
   * Registering the same schema again returns the same id.
   */
  int register(String subject, Schema schema);

  /** The schema with this global id. */
  Schema getById(int id);

  /**
   * The id of {@code schema} as already registered under {@code subject}; registers nothing. A
   * schema not registered there raises {@link RegistryException} with status 404.
   */
  int getId(String subject, Schema schema);

  /**
   * The compatibility level set on {@code subject} itself (e.g. {@code FULL_TRANSITIVE}), or empty
   * when the subject has none and follows the registry's global level.
   */
  Optional<String> compatibility(String subject);

  /** Sets the compatibility level of {@code subject}: NONE, BACKWARD, FORWARD, FULL, each optionally _TRANSITIVE. */
  void setCompatibility(String subject, String level);

  /**
   * Whether {@code schema} could be registered under {@code subject} under the subject's
   * compatibility level. True for a subject that has no versions yet.
   */
  boolean isCompatible(String subject, Schema schema);

  /**
   * The latest live version of {@code subject}, or empty when the subject has no version (no producer
   * has registered one yet).
   */
  default Optional<RegisteredSchema> latestVersion(String subject) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot read the latest version of subject '" + subject + "'");
  }

  /**
   * Why {@code schema} could not be registered under {@code subject} under the subject's
   * compatibility level, checked against its latest version: empty when it could (also for a subject
   * without versions), else the registry's reasons (at least one line).
   */
  default List<String> incompatibilities(String subject, Schema schema) {
    return isCompatible(subject, schema)
        ? List.of()
        : List.of("the registry refuses it under the compatibility level of subject '" + subject + "'");
  }
}
