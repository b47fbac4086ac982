package io.burnrate.serde;

import org.apache.avro.Schema;

/**
 * One version of a subject as the registry holds it.
 *
 * @param subject e.g. {@code inference.requests-value}
 * @param version the subject's version number, from 1
 * @param id the schema's global id, the one in the wire-format header
 * @param schema the schema itself
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
