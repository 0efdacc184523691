// Test-only payload keys (SPEC §5): the newest first, as PAYLOAD_KEYS is read. Every client and
// worker a test constructs uses this converter, as production's do.
import { dataConverterFor, parsePayloadKeys } from '../../payload-codec';

export const TEST_PAYLOAD_KEYS = `test-2026:${'a1'.repeat(32)},test-2025:${'b2'.repeat(32)}`;
export const TEST_DATA_CONVERTER = dataConverterFor(parsePayloadKeys(TEST_PAYLOAD_KEYS));
