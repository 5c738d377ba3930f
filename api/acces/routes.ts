// The one table of routes → roles (issue #12). Every request is matched against it by the access middleware
// (middleware.ts): `public` needs no account (the demand and application forms, the link pages whose signed token
// is the credential, health, the API's documentation, sign-in, the captured emails of `npm start`); anything else
// needs a session or an API token whose role includes the one named. A route missing from the table is refused
// (fail closed): test/acces-routes.test.ts walks every OpenAPI operation and every mounted route against it.
import { allActionPaths } from '../dossiers/dispositifs';
import { CHEMINS_ACTIONS_CAMPAGNES } from '../campagnes/actions';
import { CHEMINS_ACTIONS_PAGES_CAMPAGNES } from '../pages/campagnes/chemins'; // Regional campaigns: back office pages
import type { RoleCompte } from '../../db/comptes-store';

export type Methode = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type NiveauAcces = 'public' | RoleCompte;

export interface RegleRoute {
  methode: Methode;
  /** express's syntax: `:param` for one segment; a final `*` for anything below (static assets). */
  chemin: string;
  acces: NiveauAcces;
  /**
   * A session's unsafe request needs no CSRF token: only the codec endpoint (issue #15), which changes nothing and
   * whose answer only the Temporal UI's origin may read (CORS), called by the UI with the session cookie.
   */
  sansCsrf?: true;
}

const r = (methode: Methode, chemin: string, acces: NiveauAcces): RegleRoute => ({ methode, chemin, acces });
const lecture = (chemin: string) => r('GET', chemin, 'lecture');

export const ROUTES: readonly RegleRoute[] = [
  // Operations and documentation.
  r('GET', '/healthz', 'public'),
  r('GET', '/readyz', 'public'),
  r('GET', '/openapi.json', 'public'),
  r('GET', '/docs', 'public'),
  r('GET', '/docs/*', 'public'),
  // The Temporal UI's codec endpoint (issue #15, api/codec/router.ts): reading the encrypted payloads of histories.
  { ...r('POST', '/codec/decode', 'lecture'), sansCsrf: true },
  { ...r('POST', '/codec/encode', 'lecture'), sansCsrf: true },

  // The right of access and erasure (issue #15, api/donnees-personnelles/): administrators.
  r('GET', '/api/donnees-personnelles', 'admin'),
  r('GET', '/api/donnees-personnelles/export', 'admin'),
  r('POST', '/api/donnees-personnelles/effacement', 'admin'),

  // Sign-in: the pages, and the end of a session (a signed-in person, with its CSRF token).
  r('GET', '/connexion', 'public'),
  r('POST', '/connexion', 'public'),
  r('GET', '/connexion/lien', 'public'),
  r('POST', '/connexion/lien', 'public'),
  // Single sign-on with OpenID Connect (api/acces/oidc.ts): to the provider, and back with its code.
  r('GET', '/connexion/oidc', 'public'),
  r('GET', '/connexion/oidc/retour', 'public'),
  r('POST', '/deconnexion', 'lecture'),

  // What the public sends: demands, applications to the pool, and the pages of emailed links (their token is the credential).
  r('POST', '/api/demandes', 'public'),
  r('POST', '/api/candidatures', 'public'),
  r('GET', '/demande', 'public'),
  r('GET', '/demande/:dispositif', 'public'),
  r('POST', '/demande/:dispositif', 'public'),
  r('GET', '/candidater', 'public'),
  r('POST', '/candidater', 'public'),
  r('GET', '/agir/:id/:action', 'public'),
  r('POST', '/agir/:id/:action', 'public'),
  r('POST', '/agir/:id/:action/nouveau-lien', 'public'),
  // Only mounted by `npm start` without SMTP_URL and by tests, never with NODE_ENV=production (api/pages/router.ts).
  r('GET', '/dev/mail', 'public'),
  r('GET', '/dev/mail/:fichier', 'public'),

  // Reading: dossiers, their suivi document and deliverables, rankings, the pool, reference data, the staff view.
  lecture('/api/dossiers'),
  lecture('/api/dossiers/:id'),
  lecture('/api/dossiers/:id/document-suivi'),
  lecture('/api/dossiers/:id/document-suivi.html'),
  lecture('/api/dossiers/:id/livrables/:numero'),
  lecture('/api/dossiers/:id/candidats'),
  lecture('/api/intervenants'),
  lecture('/api/intervenants/:id'),
  lecture('/api/candidatures'),
  lecture('/api/candidatures/:id'),
  lecture('/api/referentiel/regions'),
  lecture('/api/referentiel/missions-locales'),
  lecture('/staff'),
  lecture('/unml'),
  lecture('/staff/dossiers/:id'),
  // Every signed-in person: who am I, and my own API tokens.
  lecture('/api/moi'),
  lecture('/api/jetons'),
  r('POST', '/api/jetons', 'lecture'),
  r('DELETE', '/api/jetons/:id', 'lecture'),
  lecture('/mes-jetons'),
  r('POST', '/mes-jetons', 'lecture'),
  r('POST', '/mes-jetons/:id/revoquer', 'lecture'),

  // Acting: every dossier action, designations, the pool's changes and applications' decisions.
  ...allActionPaths().map((path) => r('POST', `/api/dossiers/:id/${path}`, 'charge_mission')),
  r('POST', '/api/dossiers/:id/candidats/:intervenantId/confirmation', 'charge_mission'),
  r('POST', '/api/dossiers/:id/notes', 'charge_mission'),
  r('POST', '/api/dossiers/:id/candidats/:intervenantId/refus', 'charge_mission'),
  // Several dossiers at once (issue #12): hand-over or the pending reminder, from a script or the back office's lists.
  r('POST', '/api/dossiers/lot', 'charge_mission'),
  r('POST', '/staff/lot', 'charge_mission'),
  // The back office's dossier page: its action forms (the action's path in a field) and its staff-only notes.
  r('POST', '/staff/dossiers/:id/action', 'charge_mission'),
  r('POST', '/staff/dossiers/:id/notes', 'charge_mission'),
  // …and the confirmation of a candidate of the pool's ranking (or a manual choice with its motif).
  r('POST', '/staff/dossiers/:id/candidats/:intervenantId/confirmation', 'charge_mission'),
  r('POST', '/api/intervenants', 'charge_mission'),
  r('PATCH', '/api/intervenants/:id', 'charge_mission'),
  r('POST', '/api/intervenants/:id/retrait', 'charge_mission'),
  r('POST', '/api/candidatures/:id/validation', 'charge_mission'),
  r('POST', '/api/candidatures/:id/refus', 'charge_mission'),

  // The back office's Vivier (api/pages/vivier/): reading for everyone signed in, changes for chargé·es de mission.
  lecture('/vivier'),
  lecture('/vivier/intervenants/:id'),
  lecture('/vivier/candidatures'),
  lecture('/vivier/candidatures/:id'),
  r('GET', '/vivier/intervenants/nouveau', 'charge_mission'),
  r('POST', '/vivier/intervenants/nouveau', 'charge_mission'),
  r('POST', '/vivier/intervenants/:id', 'charge_mission'),
  r('POST', '/vivier/intervenants/:id/retrait', 'charge_mission'),
  r('POST', '/vivier/candidatures/:id/validation', 'charge_mission'),
  r('POST', '/vivier/candidatures/:id/refus', 'charge_mission'),

  // Administration: the accounts (API and back office pages).
  r('GET', '/api/comptes', 'admin'),
  r('POST', '/api/comptes', 'admin'),
  r('GET', '/api/comptes/:id', 'admin'),
  r('PATCH', '/api/comptes/:id', 'admin'),
  r('GET', '/administration', 'admin'),
  r('GET', '/administration/comptes/nouveau', 'admin'),
  r('POST', '/administration/comptes/nouveau', 'admin'),
  r('GET', '/administration/comptes/:id', 'admin'),
  r('POST', '/administration/comptes/:id', 'admin'),
  r('POST', '/administration/comptes/:id/desactiver', 'admin'),
  r('POST', '/administration/comptes/:id/reactiver', 'admin'),

  // Compagnonnage: the tools and documents the two directions exchange (seed 003). Shared through the API with the
  // `documents` action (above); downloaded by staff; shared and downloaded from the participants' link page (its token
  // is the credential) and from the back office's dossier page.
  lecture('/api/dossiers/:id/documents/:numero'),
  r('GET', '/agir/:id/documents/:numero', 'public'),
  r('POST', '/staff/dossiers/:id/documents', 'charge_mission'),

  // Regional campaigns (issue #13, api/campagnes/): read by everyone signed in, created and driven by chargé·es de mission.
  lecture('/api/campagnes'),
  lecture('/api/campagnes/:id'),
  lecture('/api/campagnes/:id/mls/:ml'),
  lecture('/api/campagnes/:id/mls/:ml/dialogues/:annee'),
  lecture('/api/campagnes/:id/support'),
  lecture('/api/campagnes/:id/mls/:ml/documents/:numero'),
  lecture('/api/campagnes/:id/mls/:ml/etat-des-lieux'),
  r('POST', '/api/campagnes', 'charge_mission'),
  r('POST', '/api/campagnes/:id/mls/:ml/dialogues', 'charge_mission'),
  ...CHEMINS_ACTIONS_CAMPAGNES.map((chemin) => r('POST', chemin, 'charge_mission')),

  // Regional campaigns: funding by indicators (api/campagnes/financement-router.ts): the indicators of a year in (JSON
  // or CSV), the computation out (JSON, CSV, printable pages for the campaign and for one ML), the survey's results.
  r('PUT', '/api/campagnes/:id/indicateurs/:annee', 'charge_mission'),
  lecture('/api/campagnes/:id/financement/:annee'),
  lecture('/api/campagnes/:id/enquete'),
  lecture('/campagnes/:id/financement/:annee'),
  lecture('/campagnes/:id/financement/:annee/:ml'),

  // Regional campaigns in the back office (api/pages/campagnes/): the list, a campaign's page and one ML's, read by
  // everyone signed in; their action forms (one route per action of the API's tables) posted by chargé·es de mission.
  lecture('/campagnes'),
  lecture('/campagnes/:id'),
  lecture('/campagnes/:id/mls/:ml'),
  ...CHEMINS_ACTIONS_PAGES_CAMPAGNES.map((chemin) => r('POST', chemin, 'charge_mission')),

  // The network's figures (issue #14, api/chiffres/, api/pages/chiffres/): JSON, CSV, the back office's page and the
  // yearly printable report, read by everyone signed in.
  lecture('/api/chiffres'),
  lecture('/api/chiffres.csv'),
  lecture('/chiffres'),
  lecture('/chiffres/rapport'),
  // Exports of the reporting read model (issue #14, api/exports/): columns, dossiers and units of work as CSV or XLSX,
  // the templates read and run by everyone signed in; templates changed and scheduled exports (with their recipients'
  // addresses) by chargé·es de mission; a scheduled export's file by its signed link (the token is the credential).
  lecture('/api/exports/colonnes'),
  ...['dossiers', 'unites'].flatMap((objet) => ['csv', 'xlsx'].map((format) => lecture(`/api/exports/${objet}.${format}`))),
  lecture('/api/exports/modeles'),
  lecture('/api/exports/modeles/:id.csv'),
  lecture('/api/exports/modeles/:id.xlsx'),
  lecture('/api/exports/modeles/:id'),
  r('POST', '/api/exports/modeles', 'charge_mission'),
  r('PATCH', '/api/exports/modeles/:id', 'charge_mission'),
  r('DELETE', '/api/exports/modeles/:id', 'charge_mission'),
  r('GET', '/api/exports/programmes', 'charge_mission'),
  r('POST', '/api/exports/programmes', 'charge_mission'),
  r('DELETE', '/api/exports/programmes/:id', 'charge_mission'),
  r('GET', '/exports/telechargement/:jeton', 'public'),
  // The back office's page: the form, the download it posts (lecture), saving it as a template (charge_mission).
  lecture('/exports'),
  r('POST', '/exports/telecharger', 'lecture'),
  r('POST', '/exports/modeles', 'charge_mission'),
  // …and its scheduled exports (their recipients' addresses): listed, created and stopped by chargé·es de mission.
  r('POST', '/exports/programmes', 'charge_mission'),
  r('POST', '/exports/programmes/:id/supprimer', 'charge_mission'),
];

const echapper = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function motif(chemin: string): RegExp {
  const prefixe = chemin.endsWith('/*');
  const base = prefixe ? chemin.slice(0, -2) : chemin;
  const corps = base
    .split('/')
    // A parameter may be followed by a literal suffix (`:id.xlsx`, the exports): the parameter, then the suffix.
    .map((segment) => (segment.startsWith(':') ? `[^/]+${echapper(segment.replace(/^:\w+/, ''))}` : echapper(segment)))
    .join('/');
  return new RegExp(`^${corps}${prefixe ? '(?:/.*)?' : ''}/?$`);
}

const COMPILEES = ROUTES.map((regle) => ({ regle, re: motif(regle.chemin) }));

/** The rule of a request (HEAD as GET), or undefined: the route is then refused. Exact paths win over patterns. */
export function regleDe(methode: string, chemin: string): RegleRoute | undefined {
  const m = methode.toUpperCase() === 'HEAD' ? 'GET' : methode.toUpperCase();
  const candidates = COMPILEES.filter((c) => c.regle.methode === m && c.re.test(chemin));
  return (candidates.find((c) => c.regle.chemin === chemin) ?? candidates[0])?.regle;
}
