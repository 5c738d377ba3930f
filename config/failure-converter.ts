// The failure converter of every client and worker once payloads are encrypted (config/codec.ts): a failure's
// message and stack trace go into its encoded attributes, which the payload codec encrypts; the server keeps only
// "Encoded failure". Loaded by path (DataConverter.failureConverterPath): the worker bundles it into the workflow
// sandbox, so it imports nothing but @temporalio/common. Decoding also reads failures recorded in plain text.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
