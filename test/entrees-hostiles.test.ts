// Hostile input (issue #15, "Bad input"), without Temporal: every body, query, path and header schema the API documents
// is collected from the OpenAPI registry as the app builds it (so a new route's schema is covered without editing
// this test; the dossier actions register there from their tables), walked down to its fields, and each field is fed
// very long strings, control characters, lone surrogates, wrong types, HTML and SQL injection strings. Each value is
// refused with a French message (a 400 through the app's error handler, no stack trace), or, where the field takes
// free text, kept as the same text (no HTML stripping nor SQL escaping to go wrong: the pages escape on output).
// Then whole bodies of the wrong type go through the app itself: a 400 or 413, never a 500.
import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { createApp, createOpenApiDocument } from '../api/app';
import { classifyError } from '../api/errors';
import { parseConfig } from '../config';
import { installerErreursFr } from '../domain/erreurs-fr';
import { avecJeton, compteDeTest } from './helpers/acces';
import { createTestStore, type TestStore } from './helpers/db';

const HOSTILES: Record<string, unknown> = {
  'very long string': 'a'.repeat(100_000),
  'control characters': 'a\u0000b\u0007c\u001bd\u007f',
  'lone surrogate': '\uD800',
  'lone low surrogate': 'x\uDFFFy',
  html: '<script>alert(1)</script>',
  'sql injection': "'; DROP TABLE intervenants; --",
  number: 42,
  boolean: true,
  null: null,
  array: ['<script>alert(1)</script>'],
  object: { $gt: '' },
};

const ANGLAIS = /\b(expected|received|invalid|input|must|should|string|number|array|object|characters?|required|too (small|big))\b/i;
const STACK = /\n\s+at |\.ts:\d+|node_modules|"stack"/;

/** Every route the OpenAPI document registers, with its zod schemas (spied as createOpenApiDocument registers them). */
function routes(): RouteConfig[] {
  const vus: RouteConfig[] = [];
  const spy = jest.spyOn(OpenAPIRegistry.prototype, 'registerPath').mockImplementation(function (this: OpenAPIRegistry, route: RouteConfig) {
    vus.push(route);
  });
  try {
    createOpenApiDocument();
  } finally {
    spy.mockRestore();
  }
  return vus;
}

/** The schemas a route validates: its JSON body, query, path parameters and headers, named. */
function schemasDe(route: RouteConfig): [string, z.ZodType][] {
  const nom = `${route.method.toUpperCase()} ${route.path}`;
  const r = route.request;
  const media = r?.body?.content?.['application/json'];
  const json = media && 'schema' in media ? media.schema : undefined;
  return [
    ...(json instanceof z.ZodType ? [[`${nom} body`, json] as [string, z.ZodType]] : []),
    ...(r?.query instanceof z.ZodType ? [[`${nom} query`, r.query] as [string, z.ZodType]] : []),
    ...(r?.params instanceof z.ZodType ? [[`${nom} params`, r.params] as [string, z.ZodType]] : []),
    ...(r?.headers instanceof z.ZodType ? [[`${nom} headers`, r.headers] as [string, z.ZodType]] : []),
  ];
}

/** Optional, nullable, default, readonly… down to the schema that decides. */
function deballer(s: z.ZodType): z.ZodType {
  let courant = s;
  for (let i = 0; i < 20; i++) {
    if (courant instanceof z.ZodOptional || courant instanceof z.ZodNullable || courant instanceof z.ZodDefault || courant instanceof z.ZodReadonly) {
      courant = courant.unwrap() as z.ZodType;
    } else if (courant instanceof z.ZodPipe) {
      courant = courant.in as z.ZodType;
    } else return courant;
  }
  return courant;
}

/** Every field of a schema, down through objects, arrays and union branches (bounded), with its path. */
function champs(s: z.ZodType, chemin: string, vus = new Set<z.ZodType>()): [string, z.ZodType][] {
  const d = deballer(s);
  if (vus.has(d) || vus.size > 2000) return [];
  vus.add(d);
  const ici: [string, z.ZodType][] = [[chemin, s]];
  if (d instanceof z.ZodObject) return [...ici, ...Object.entries(d.shape as Record<string, z.ZodType>).flatMap(([k, v]) => champs(v, `${chemin}.${k}`, vus))];
  if (d instanceof z.ZodArray) return [...ici, ...champs(d.element as z.ZodType, `${chemin}[]`, vus)];
  if (d instanceof z.ZodUnion || d instanceof z.ZodDiscriminatedUnion) {
    return [...ici, ...(d.options as z.ZodType[]).flatMap((o, n) => champs(o, `${chemin}|${n}`, vus))];
  }
  return ici;
}

/** Every message of an error, with those of union branches. */
function messages(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((i) => [i.message, ...(i.code === 'invalid_union' ? i.errors.flatMap((e) => messages(e)) : [])]);
}

beforeAll(() => installerErreursFr());

describe('every API schema, field by field, with hostile values', () => {
  const tous = routes().flatMap(schemasDe);

  it('finds the schemas from the OpenAPI registry (the dossier actions included)', () => {
    expect(tous.length).toBeGreaterThan(80);
    expect(tous.map(([n]) => n)).toEqual(expect.arrayContaining(['POST /api/demandes body', 'POST /api/dossiers/CMP-{ref}/accepter body']));
  });

  it('refuses each value with a French 400 without a stack trace, or keeps it as the same text', () => {
    const anglais: string[] = [];
    const mal: string[] = [];
    let refus = 0;
    let gardes = 0;
    for (const [nom, schema] of tous) {
      for (const [chemin, champ] of champs(schema, nom)) {
        for (const [genre, valeur] of Object.entries(HOSTILES)) {
          let r: ReturnType<z.ZodType['safeParse']>;
          try {
            r = champ.safeParse(valeur);
          } catch (err) {
            mal.push(`${chemin} (${genre}): threw ${String(err)}`);
            continue;
          }
          if (!r.success) {
            refus++;
            const classe = classifyError(r.error);
            if (classe?.status !== 400) mal.push(`${chemin} (${genre}): answered ${classe?.status}`);
            const texte = JSON.stringify(classe?.body);
            if (STACK.test(texte)) mal.push(`${chemin} (${genre}): stack trace in ${texte.slice(0, 200)}`);
            for (const m of messages(r.error.issues)) if (ANGLAIS.test(m)) anglais.push(`${chemin} (${genre}): ${m}`);
            continue;
          }
          gardes++;
          // Accepted: free text kept as the same text (at most trimmed), never rewritten into something else.
          if (typeof valeur === 'string' && typeof r.data === 'string' && r.data !== valeur.trim() && r.data !== valeur) {
            mal.push(`${chemin} (${genre}): rewritten to ${JSON.stringify(r.data.slice(0, 80))}`);
          }
        }
      }
    }
    expect(refus).toBeGreaterThan(1000);
    expect(gardes).toBeGreaterThan(0); // some fields take free text (a description, a motif…)
    expect([...new Set(anglais)]).toEqual([]);
    expect(mal).toEqual([]);
  });

  it('refuses an HTML or SQL string wherever an identifier, code, email or date is expected', () => {
    const accepte: string[] = [];
    for (const [nom, schema] of tous) {
      for (const [chemin, champ] of champs(schema, nom)) {
        // A field is an identifier/code/email/date by its name: those never take markup or quotes.
        if (!/(^|\.)(id|dossierId|intervenantId|email|code|missionLocaleCode|region|date|debut|fin|le|at)$/i.test(chemin)) continue;
        for (const v of [HOSTILES.html, HOSTILES['sql injection']]) if (champ.safeParse(v).success) accepte.push(chemin);
      }
    }
    expect([...new Set(accepte)]).toEqual([]);
  });
});

describe('whole bodies of the wrong type, through the app (no Temporal reachable)', () => {
  let pool: TestStore;
  let app: Express;

  beforeAll(async () => {
    pool = await createTestStore('sqlite');
    const admin = await compteDeTest(pool.db, 'admin');
    // A lazy client to nowhere: a request that got past validation would fail on Temporal, not pass silently.
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    app = avecJeton(
      createApp({
        client,
        config: parseConfig({ RATE_LIMIT_PUBLIC: '100000' }),
        logger: pino({ level: 'silent' }),
        vivier: pool.store,
        comptes: admin.comptes,
      }),
      admin.jeton,
    );
  });
  afterAll(async () => {
    await pool?.cleanup();
  });

  /** The path with each parameter filled with a well-formed id (the body is what is tested here). */
  const chemin = (p: string) =>
    p
      .replace(/\{id\}/g, 'CMP-0123456789')
      .replace(/\{ref\}/g, '0123456789')
      .replace(/\{[^}]+\}/g, 'X-0123456789');

  // The public forms (issue #15): each text field of the demand form and of the pool's application form gets the
  // hostile string; the page comes back with per-field French errors (or 413 for 100 000 characters, above the
  // form's limit), never a 500, and the markup given is escaped, never echoed as is.
  const CHAMPS_FORMULAIRES: Record<string, string[]> = {
    '/demande/compagnonnage': [
      'requestId',
      'mlNom',
      'region',
      'directionNom',
      'directionEmail',
      'presidenceNom',
      'presidenceEmail',
      'casMobilisation',
      'sujets',
      'description',
    ],
    '/demande/appui-conseil': ['requestId', 'mlNom', 'region', 'directionNom', 'directionEmail', 'presidenceNom', 'presidenceEmail', 'sujets', 'description'],
    '/demande/diagnostic': ['requestId', 'mlNom', 'region', 'directionNom', 'directionEmail', 'presidenceNom', 'presidenceEmail', 'sujets', 'description'],
    '/candidater': [
      'type',
      'nom',
      'email',
      'telephone',
      'region',
      'missionLocaleCode',
      'cabinet',
      'expertises',
      'capaciteDossiers',
      'capaciteHeuresMois',
      'motivation',
    ],
  };
  it.each(Object.keys(CHAMPS_FORMULAIRES))('POST %s with hostile values: per-field French errors, escaped, no 500', async (page) => {
    for (const [genre, valeur] of Object.entries(HOSTILES)) {
      if (typeof valeur !== 'string') continue; // a form only sends text
      const corps = Object.fromEntries(CHAMPS_FORMULAIRES[page]!.map((c) => [c, valeur]));
      const res = await request(app).post(page).type('form').send(corps);
      const contexte = `${page} (${genre}): ${res.status}`;
      expect([contexte, [400, 413].includes(res.status)]).toEqual([contexte, true]);
      expect(res.text).not.toMatch(STACK);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      if (res.status === 413) continue;
      expect(res.text).toContain('<html lang="fr">');
      expect(res.text).toContain('aria-invalid="true"');
      if (genre === 'html') expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      if (genre === 'sql injection') expect(res.text).toContain('&#x27;; DROP TABLE intervenants; --');
    }
  });

  it('answers 400 or 413 with a French message to each JSON body route that validates first, for each wrong type and hostile string', async () => {
    // Routes under a dossier or a resource read it from Temporal or the store before the body: without a server they
    // cannot answer (their schemas are checked field by field above). Here, the routes that validate first.
    const avecCorps = routes().filter(
      (r) => r.request?.body?.content?.['application/json'] && ['post', 'put', 'patch'].includes(r.method) && !r.path.includes('{'),
    );
    expect(avecCorps.length).toBeGreaterThan(5);
    const mal: string[] = [];
    const statuts: Record<number, number> = {};
    for (const route of avecCorps) {
      const media = route.request!.body!.content['application/json']!;
      const schema = 'schema' in media && media.schema instanceof z.ZodType ? media.schema : undefined;
      for (const [genre, valeur] of Object.entries(HOSTILES)) {
        if (schema?.safeParse(valeur).success) continue; // a valid body would go on to Temporal
        // JSON has no lone surrogate nor NUL problem of its own: sent as the body itself (a string, not an object).
        const res = await request(app)[route.method as 'post'](chemin(route.path)).set('Content-Type', 'application/json').send(JSON.stringify(valeur));
        statuts[res.status] = (statuts[res.status] ?? 0) + 1;
        const ok = res.status === 400 || res.status === 413 || res.status === 404 || res.status === 409 || res.status === 403;
        if (!ok || STACK.test(res.text) || (res.status === 400 && ANGLAIS.test(String(res.body?.message)))) {
          mal.push(`${route.method.toUpperCase()} ${route.path} (${genre}): ${res.status} ${res.text.slice(0, 160)}`);
        }
      }
    }
    expect(statuts[400]).toBeGreaterThan(50);
    expect(mal).toEqual([]);
  }, 120_000);
});
