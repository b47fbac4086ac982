// Registers the InferenceRequest schema under inference.requests-value and produces one record,
// given as JSON in INFERENCE_REQUEST_JSON, keyed by its endpoint_id.
// Env: BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, INFERENCE_REQUEST_JSON, optional SCHEMA_FILE.
import { readFile } from 'node:fs/promises';
import { Partitioners } from 'kafkajs';
import { AvroSerializer, SerdeType } from '@confluentinc/schemaregistry';
import { kafka, registry, requiredEnv, runMain } from './common.mjs';

const TOPIC = 'inference.requests';
const SUBJECT = `${TOPIC}-value`;
const DEFAULT_SCHEMA_FILE = new URL('../schemas/src/main/avro/InferenceRequest.avsc', import.meta.url);

runMain(async () => {
  const request = JSON.parse(requiredEnv('INFERENCE_REQUEST_JSON'));
  const schema = await readFile(process.env.SCHEMA_FILE ?? DEFAULT_SCHEMA_FILE, 'utf8');
  const client = registry();
  // The serializer's own auto-registration derives a schema from the JS object, which cannot
  // express ints, logical types or the record's full name; so the contract's schema is registered
  // explicitly and the serializer writes with the subject's latest version.
  const schemaId = await client.register(SUBJECT, { schemaType: 'AVRO', schema });
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
  const value = await serializer.serialize(TOPIC, request);

  const producer = kafka('burnrate-interop-producer').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const [metadata] = await producer.send({
      topic: TOPIC,
      acks: -1,
      messages: [{ key: request.endpoint_id, value }],
    });
    process.stdout.write(`${JSON.stringify({ schemaId, partition: metadata.partition, offset: metadata.baseOffset })}\n`);
  } finally {
    await producer.disconnect();
  }
});
