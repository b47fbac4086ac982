package io.burnrate.registry;

import io.burnrate.serde.CompatibilityLevel;

/**
 * A request the registry refuses, with the HTTP status and the error code and message of
 * Confluent's API, so that Confluent's clients report it as they would against Confluent's own
 * registry.
 */
final class RegistryRefusal extends RuntimeException {

  static final int SUBJECT_NOT_FOUND = 40401;
  static final int VERSION_NOT_FOUND = 40402;
  static final int SCHEMA_NOT_FOUND = 40403;
  static final int SUBJECT_SOFT_DELETED = 40404;
  static final int VERSION_SOFT_DELETED = 40406;
  static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
  static final int INCOMPATIBLE_SCHEMA = 409;
  static final int INVALID_SCHEMA = 42201;
  static final int INVALID_VERSION = 42202;
  static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  static final int OPERATION_NOT_PERMITTED = 42205;
  static final int INVALID_SUBJECT = 42208;
  static final int STORE_ERROR = 50001;

  private final int status;
  private final int errorCode;

  RegistryRefusal(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  RegistryRefusal(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  int status() {
    return status;
  }

  int errorCode() {
    return errorCode;
  }

  static RegistryRefusal subjectNotFound(String subject) {
    return new RegistryRefusal(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static RegistryRefusal versionNotFound(int version) {
    return new RegistryRefusal(404, VERSION_NOT_FOUND, "Version " + version + " not found.");
  }

  static RegistryRefusal schemaNotFound() {
    return new RegistryRefusal(404, SCHEMA_NOT_FOUND, "Schema not found");
  }

  static RegistryRefusal schemaNotFound(String id) {
    return new RegistryRefusal(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  static RegistryRefusal subjectSoftDeleted(String subject) {
    return new RegistryRefusal(
        404,
        SUBJECT_SOFT_DELETED,
        "Subject '" + subject + "' was soft deleted. This registry does not delete permanently.");
  }

  static RegistryRefusal versionSoftDeleted(String subject, int version) {
    return new RegistryRefusal(
        404,
        VERSION_SOFT_DELETED,
        "Subject '" + subject + "' Version " + version
            + " was soft deleted. This registry does not delete permanently.");
  }

  static RegistryRefusal subjectCompatibilityNotConfigured(String subject) {
    return new RegistryRefusal(
        404,
        SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryRefusal invalidSchema(String message) {
    return new RegistryRefusal(422, INVALID_SCHEMA, message);
  }

  static RegistryRefusal invalidVersion(String version) {
    return new RegistryRefusal(
        422,
        INVALID_VERSION,
        "The specified version '" + version + "' is not a valid version id. "
            + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryRefusal invalidCompatibilityLevel(String given) {
    return new RegistryRefusal(
        422,
        INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level '" + given + "'. Valid values are "
            + CompatibilityLevel.allowedNames());
  }

  static RegistryRefusal invalidSubject(String subject) {
    return new RegistryRefusal(
        422,
        INVALID_SUBJECT,
        "The specified subject '" + subject.replaceAll("\\p{Cntrl}", "?")
            + "' is not valid: it is empty or holds control characters.");
  }

  static RegistryRefusal permanentDeleteNotSupported() {
    return new RegistryRefusal(
        422,
        OPERATION_NOT_PERMITTED,
        "Permanent deletion (permanent=true) is not supported by this registry: ids must never be"
            + " reused. Soft deletion (without permanent=true) is.");
  }

  static RegistryRefusal storeFailed(String operation, SchemaStoreException cause) {
    return new RegistryRefusal(500, STORE_ERROR, operation + " failed: " + cause.getMessage(), cause);
  }
}
