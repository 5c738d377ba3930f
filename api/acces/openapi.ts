// The OpenAPI document's security (issue #12): the two schemes (the session cookie of the sign-in pages, a personal
// API token as a bearer), and each operation's requirement and role, written from the access table (routes.ts),
// so the document says what the middleware enforces. An operation missing from the table is marked `x-acces:
// "refusé"` (the middleware refuses it; test/acces-routes.test.ts fails on it).
import { LIBELLES_ROLES } from '../../db/comptes-store';
import { COOKIE_SESSION } from './middleware';
import { regleDe } from './routes';

const METHODES = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  security?: Record<string, string[]>[];
  description?: string;
  responses?: Record<string, unknown>;
  [k: string]: unknown;
}

const erreur = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function appliquerSecurite<D extends { paths?: object; components?: object }>(doc: D): D {
  const components = (doc.components ?? {}) as { securitySchemes?: Record<string, unknown> };
  components.securitySchemes = {
    ...components.securitySchemes,
    jeton: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'dsp_…',
      description: 'Un jeton d’API personnel (POST /api/jetons), envoyé en Authorization: Bearer dsp_…. Exempt de jeton CSRF.',
    },
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: COOKIE_SESSION,
      description:
        'La session ouverte par /connexion (lien reçu par e-mail). Chaque requête POST, PATCH ou DELETE d’une session porte son jeton CSRF ' +
        '(en-tête X-CSRF-Token, donné par GET /api/moi, ou champ _csrf d’un formulaire).',
    },
  };
  (doc as { components?: object }).components = components;
  for (const [chemin, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    const express = chemin.replace(/\{(\w+)\}/g, ':$1');
    for (const methode of METHODES) {
      const op = item[methode];
      if (!op) continue;
      const regle = regleDe(methode, express);
      if (!regle) {
        op['x-acces'] = 'refusé';
        continue;
      }
      op['x-acces'] = regle.acces;
      if (regle.acces === 'public') {
        op.security = [];
        continue;
      }
      op.security = [{ jeton: [] }, { session: [] }];
      const role = `Rôle requis : ${regle.acces} (${LIBELLES_ROLES[regle.acces]}) ou au-dessus.`;
      op.description = op.description ? `${op.description}\n\n${role}` : role;
      op.responses = {
        ...op.responses,
        401: erreur('Sans session ni jeton d’API valide'),
        403: erreur('Rôle insuffisant, ou jeton CSRF absent pour une session'),
      };
    }
  }
  return doc;
}
