package io.burnrate.serde;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** An in-memory registry that counts the calls made to it. */
final class CountingRegistry implements SchemaRegistryClient {

  final InMemorySchemaRegistryClient delegate = new InMemorySchemaRegistryClient();
  final AtomicInteger registers = new AtomicInteger();
  final AtomicInteger lookups = new AtomicInteger();
  final AtomicInteger fetches = new AtomicInteger();

  int calls() {
    return registers.get() + lookups.get() + fetches.get();
  }

  @Override
  public int register(String subject, Schema schema) {
    registers.incrementAndGet();
    return delegate.register(subject, schema);
  }

  @Override
  public Schema getById(int id) {
    fetches.incrementAndGet();
    return delegate.getById(id);
  }

  @Override
  public int getId(String subject, Schema schema) {
    lookups.incrementAndGet();
    return delegate.getId(subject, schema);
  }

  @Override
  public Optional<String> compatibility(String subject) {
    return delegate.compatibility(subject);
  }

  @Override
  public void setCompatibility(String subject, String level) {
    delegate.setCompatibility(subject, level);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return delegate.isCompatible(subject, schema);
  }
}
