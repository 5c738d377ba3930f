// The codec endpoint (issue #15) the Temporal Web UI calls to show the encrypted payloads of a history
// (config/codec.ts): POST /codec/decode and POST /codec/encode, Temporal's remote codec protocol — a body
// `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }` answered in the same shape. The UI sends X-Namespace,
// ignored here (one set of keys). Who may call it: a staff session or API token with the role `lecture` or higher
// (api/acces/routes.ts). The UI runs on another origin (TEMPORAL_UI_URL): CORS is answered for that origin only,
// with credentials, so the UI's "include cross-origin credentials" sends the back office's session cookie.
import express, { type RequestHandler, Router } from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { Config } from '../../config';
import { errorResponses } from '../common';
import { ApiError } from '../errors';

export const CHEMINS_CODEC = ['/codec/encode', '/codec/decode'] as const;

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64 attendu');
const payloadJson = z
  .object({
    metadata: z.record(z.string(), base64).nullish(),
    data: base64.nullish(),
  })
  .openapi('PayloadJson');
const corpsCodec = z.object({ payloads: z.array(payloadJson).max(10_000) }).openapi('Payloads');
type PayloadJson = z.infer<typeof payloadJson>;

const versPayload = ({ metadata, data }: PayloadJson): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});
const versJson = ({ metadata, data }: Payload): PayloadJson => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
});

/** The origin the Temporal UI runs on (TEMPORAL_UI_URL's). */
export const origineUi = (config: Pick<Config, 'TEMPORAL_UI_URL'>): string => new URL(config.TEMPORAL_UI_URL).origin;

/**
 * CORS for /codec/*, mounted before the access control: the browser's preflight (OPTIONS, no credential) is answered
 * here, 204 for the UI's origin and 403 for any other; the other requests get the CORS headers only from that origin.
 */
export function corsCodec(config: Pick<Config, 'TEMPORAL_UI_URL'>): RequestHandler {
  const autorisee = origineUi(config);
  return (req, res, next) => {
    const origine = req.get('origin');
    res.vary('Origin');
    if (origine === autorisee) {
      res.set({
        'Access-Control-Allow-Origin': autorisee,
        'Access-Control-Allow-Credentials': 'true',
        // helmet's same-origin default, relaxed for the UI's origin only.
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    }
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    if (origine !== autorisee) {
      res.status(403).json({ error: 'origine_refusee', message: `Origine non autorisée pour le codec : seule ${autorisee} (TEMPORAL_UI_URL) l’est.` });
      return;
    }
    res
      .set({
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization',
        'Access-Control-Max-Age': '600',
      })
      .status(204)
      .end();
  };
}

/** Payloads of a whole history event may be large (Temporal accepts up to 2 MB each): a larger limit on these two routes. */
export const codecBodyParser = { paths: [...CHEMINS_CODEC], parser: express.json({ limit: '8mb' }) };

/** The two routes, with the codecs of the API's own client (the same keys as the worker's). */
export function codecRouter(client: Client): Router {
  const router = Router();
  const codecs = (): PayloadCodec[] => client.options.loadedDataConverter.payloadCodecs;
  router.post('/codec/encode', async (req, res) => {
    let payloads = corpsCodec.parse(req.body).payloads.map(versPayload);
    for (const codec of codecs()) payloads = await codec.encode(payloads);
    res.set('Cache-Control', 'no-store').json({ payloads: payloads.map(versJson) });
  });
  router.post('/codec/decode', async (req, res) => {
    let payloads = corpsCodec.parse(req.body).payloads.map(versPayload);
    try {
      for (const codec of [...codecs()].reverse()) payloads = await codec.decode(payloads);
    } catch (err) {
      throw new ApiError(400, 'dechiffrement_impossible', `Impossible de déchiffrer : ${(err as Error).message}`);
    }
    res.set('Cache-Control', 'no-store').json({ payloads: payloads.map(versJson) });
  });
  return router;
}

export function registerCodecOpenApi(registry: OpenAPIRegistry): void {
  for (const [chemin, resume] of [
    ['/codec/decode', 'Déchiffre des payloads Temporal (pour l’interface web de Temporal)'],
    ['/codec/encode', 'Chiffre des payloads Temporal (pour l’interface web de Temporal)'],
  ] as const) {
    registry.registerPath({
      method: 'post',
      path: chemin,
      tags: ['codec'],
      summary: resume,
      request: { body: { content: { 'application/json': { schema: corpsCodec } } } },
      responses: {
        200: { description: 'Les payloads, dans le même ordre', content: { 'application/json': { schema: corpsCodec } } },
        ...errorResponses(400),
      },
    });
  }
}
