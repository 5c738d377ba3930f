// Encrypted payloads in tests (issue #15, config/codec.ts): the fixed keys the API stack (test/helpers/api-stack.ts)
// encrypts with — test keys, never a real secret. The recorded histories replay with them (test/histories.replay.test.ts):
// a history recorded from an API test is encrypted with the first one.
import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, parsePayloadKeys, payloadDataConverter } from '../../config/codec';

export const TEST_PAYLOAD_KEYS = 'test-2:ZGlzcG9zaXRpZnMtdGVzdC1rZXktMi0wMTIzNDU2Nzg=,test-1:ZGlzcG9zaXRpZnMtdGVzdC1rZXktMS0wMTIzNDU2Nzg=';

/** The data converter of the API stack's worker and clients. */
export const testDataConverter = () => payloadDataConverter(parsePayloadKeys(TEST_PAYLOAD_KEYS));

/** Decrypts payloads read raw from a history (fetchHistory), as the worker would. */
export function dechiffrer(payloads: Payload[]): Promise<Payload[]> {
  return new AesGcmPayloadCodec(parsePayloadKeys(TEST_PAYLOAD_KEYS)).decode(payloads);
}
