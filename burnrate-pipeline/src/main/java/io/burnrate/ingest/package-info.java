/**
 * Validation of input records against the contract: which field is wrong, as the dead-letter reason
 * {@code invalid:<field>}. Plain Java over the generated Avro classes; no Kafka imports.
 */
package io.burnrate.ingest;
