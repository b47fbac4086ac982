// Reads cost.alerts from the beginning until it finds the record keyed by ALERT_ENDPOINT_ID,
// decodes it with the registry's schema and prints it as one JSON line: enum symbols as strings,
// timestamp-millis as epoch milliseconds (numbers), absent optionals as null.
// Env: BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, ALERT_ENDPOINT_ID, optional GROUP_ID and WAIT_MS.
import { randomUUID } from 'node:crypto';
import { AvroDeserializer, SerdeType } from '@confluentinc/schemaregistry';
import { kafka, registry, requiredEnv, runMain } from './common.mjs';

const TOPIC = 'cost.alerts';
const WAIT_MS = Number(process.env.WAIT_MS ?? 60000);

runMain(async () => {
  const endpointId = requiredEnv('ALERT_ENDPOINT_ID');
  const deserializer = new AvroDeserializer(registry(), SerdeType.VALUE, {});
  const consumer = kafka('burnrate-interop-consumer').consumer({
    groupId: process.env.GROUP_ID ?? `burnrate-interop-${randomUUID()}`,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    const alert = await new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error(`no record keyed ${endpointId} on ${TOPIC} within ${WAIT_MS} ms`)), WAIT_MS).unref();
      consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString('utf8') !== endpointId) {
            return;
          }
          try {
            resolve(await deserializer.deserialize(TOPIC, message.value));
          } catch (error) {
            reject(error);
          }
        },
      }).catch(reject);
    });
    process.stdout.write(`${JSON.stringify(alert, (key, value) => (typeof value === 'bigint' ? Number(value) : value))}\n`);
  } finally {
    await consumer.disconnect();
  }
});
