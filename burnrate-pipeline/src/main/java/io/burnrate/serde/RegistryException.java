package io.burnrate.serde;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A schema registry call that failed: either the registry answered with an error (then {@link
 * #status()} is the HTTP status and {@link #errorCode()} the registry's own {@code error_code},
 * e.g. 40401 subject not found, 40403 schema not found, 409 incompatible), or it could not be
 * reached (then {@link #status()} is {@link #NO_RESPONSE}, or the last 5xx seen).
 */
public class RegistryException extends RuntimeException {

  /** Status and error code when the registry gave no answer. */
  public static final int NO_RESPONSE = -1;

  private final int status;
  private final int errorCode;
  private final String registryMessage;
  private final String subject;
  private final Integer schemaId;

  /**
   * @param operation what was asked, e.g. {@code register io.burnrate.schema.CostAlert}
   * @param detail what went wrong besides the registry's answer (may be null)
   * @param status the HTTP status or {@link #NO_RESPONSE}
   * @param errorCode the registry's {@code error_code} or {@link #NO_RESPONSE}
   * @param registryMessage the registry's {@code message} (may be null)
   * @param subject the subject concerned (may be null)
   * @param schemaId the schema id concerned (may be null)
   */
  public RegistryException(
      String operation, String detail, int status, int errorCode, String registryMessage,
      String subject, Integer schemaId, Throwable cause) {
    super(describe(operation, detail, status, errorCode, registryMessage, subject, schemaId), cause);
    this.status = status;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage == null ? "" : registryMessage;
    this.subject = subject;
    this.schemaId = schemaId;
  }

  /** The registry's rejection of a request about {@code subject} and/or {@code schemaId} (either may be null). */
  public static RegistryException rejected(
      String operation, int status, int errorCode, String registryMessage, String subject, Integer schemaId) {
    return new RegistryException(operation, null, status, errorCode, registryMessage, subject, schemaId, null);
  }

  /** The HTTP status, or {@link #NO_RESPONSE}. */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code}, or {@link #NO_RESPONSE} when it sent none. */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's own {@code message}, empty when it sent none. */
  public String registryMessage() {
    return registryMessage;
  }

  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  public OptionalInt schemaId() {
    return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
  }

  /** True for a 404: no such subject, version or schema. */
  public boolean isNotFound() {
    return status == 404;
  }

  /**
   * True when the registry itself said that the subject, version or schema does not exist: a 404
   * with one of the registry's 404xx error codes. A bare 404 (a wrong base URL, a proxy's page) says
   * nothing about the schema.
   */
  public boolean isRegistryNotFound() {
    return status == 404 && errorCode / 100 == 404;
  }

  /**
   * True when the registry gave no usable answer now (unreachable, timed out, 5xx, 408, 429): the
   * same call may succeed later, so nothing about the request itself is known to be wrong.
   */
  public boolean isUnavailable() {
    return status == NO_RESPONSE || status >= 500 || status == 408 || status == 429;
  }

  private static String describe(
      String operation, String detail, int status, int errorCode, String registryMessage,
      String subject, Integer schemaId) {
    StringBuilder text = new StringBuilder("schema registry: ").append(operation);
    if (subject != null) {
      text.append(", subject '").append(subject).append('\'');
    }
    if (schemaId != null) {
      text.append(", schema id ").append(schemaId);
    }
    if (detail != null && !detail.isEmpty()) {
      text.append(": ").append(detail);
    }
    if (status != NO_RESPONSE) {
      text.append(": HTTP ").append(status);
    }
    if (errorCode != NO_RESPONSE) {
      text.append(", error_code ").append(errorCode);
    }
    if (registryMessage != null && !registryMessage.isEmpty()) {
      text.append(": ").append(registryMessage);
    }
    return text.toString();
  }
}
