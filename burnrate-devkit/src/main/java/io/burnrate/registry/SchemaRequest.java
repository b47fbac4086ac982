package io.burnrate.registry;

/**
 * The body of a register, lookup or compatibility request.
 *
 * @param schema the schema text as sent, or null when absent
 * @param schemaType the schema type as sent, or null when absent (which means AVRO)
 * @param hasReferences whether the request names schema references
 */
record SchemaRequest(String schema, String schemaType, boolean hasReferences) {

  static SchemaRequest avro(String schema) {
    return new SchemaRequest(schema, null, false);
  }
}
