package io.burnrate.registry;

/** The registry's store could not be read or written; the message says which store and why. */
public final class SchemaStoreException extends RuntimeException {

  public SchemaStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public SchemaStoreException(String message) {
    super(message);
  }
}
