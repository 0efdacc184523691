// The fixed secrets every benchmark's worker and API start with: throwaway values, never a deployment's.
import { dataConverterFor, parsePayloadKeys } from '../payload-codec';

export const BENCH_SECRETS = {
  QUERY_CODE_SECRET: 'bench-query-code-secret-0123456789abcdef',
  PAYLOAD_KEYS: `bench:${'c3'.repeat(32)}`,
  SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
};

/** The converter of a client that talks to the benchmark's worker (payloads encrypted as in production). */
export const benchDataConverter = () => dataConverterFor(parsePayloadKeys(BENCH_SECRETS.PAYLOAD_KEYS));
