// Shared setup of the interop scripts: connection settings from the environment and a kafkajs
// client whose log lines go to stderr, so that stdout carries only the scripts' results.
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';

export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

export function kafka(clientId) {
  return new Kafka({
    clientId,
    brokers: requiredEnv('BOOTSTRAP_SERVERS').split(','),
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      process.stderr.write(`[kafkajs ${namespace}] level=${level} ${message} ${JSON.stringify(extra)}\n`);
    },
  });
}

export function registry() {
  return new SchemaRegistryClient({ baseURLs: [requiredEnv('SCHEMA_REGISTRY_URL')] });
}

export function runMain(main) {
  main().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    });
}
