// The registry of dispositifs (api/dossiers/dispositifs.ts), without a Temporal server: every Update and Query a
// dossier workflow exports is served (an API action, the pool's designation, GET /api/dossiers/:id) or is one of
// the few internal ones below; every link page a descriptor serves sends an action of its own table; every link
// an email may carry has a page for some dispositif (or for a regional campaign).
import { ACTIONS_LIEN } from '../activities/email/kinds';
import { DISPOSITIFS_API, dispositifApiOf, etapeFr, toutesEtapesFr } from '../api/dossiers/dispositifs';
import { PAGES_CAMPAGNE } from '../api/pages/agir-campagne/pages';
import { createDemandeBodySchema } from '../api/demandes/schemas';
import { parseConfig } from '../config';
import * as handlers from '../workflows/shared/handlers';
import type { DossierInputCommun } from '../workflows/shared/state';
import * as appuiConseil from './helpers/appui-conseil';
import * as compagnonnage from './helpers/compagnonnage';
import * as diagnostic from './helpers/diagnostic';
import * as vivier from '../workflows/vivier/messages';

/** Served elsewhere than by an action, or by no one outside the workflows: each with the reason. */
const INTERNES: Record<string, string> = {
  getDossier: 'GET /api/dossiers/:id (and the pages, the staff view, the document de suivi)',
  getBesoinVivier: 'the pool asks the dossier what it needs (api/candidats, the vivier workflow)',
  getLiensUtilises: 'the link pages check that a link has not been used yet',
};

type Message = { type: string; name: string };
const messagesOf = (module: Readonly<Record<string, unknown>>): Message[] =>
  Object.values(module).filter((v): v is Message => typeof v === 'object' && v !== null && ['update', 'query'].includes((v as Message).type));

describe.each(DISPOSITIFS_API.map((d) => [d.dispositif, d] as const))('%s', (_nom, api) => {
  it('serves every Update and Query its workflow exports', () => {
    const servis = new Set([...api.actions.map((a) => a.updateName), ...api.designation.updateNames, ...Object.keys(INTERNES)]);
    const messages = messagesOf(api.messages);
    expect(messages.filter((m) => m.type === 'update').length).toBeGreaterThan(10);
    expect(messages.filter((m) => !servis.has(m.name)).map((m) => `${m.type} ${m.name}`)).toEqual([]);
  });

  it('has each action once, and each link page sends one of its actions', () => {
    expect(new Set(api.actions.map((a) => a.path)).size).toBe(api.actions.length);
    expect(new Set(api.actions.map((a) => a.updateName)).size).toBe(api.actions.length);
    const chemins = new Set(api.actions.map((a) => a.path));
    for (const [lien, servie] of Object.entries(api.pages)) expect([lien, chemins.has(servie!.apiPath)]).toEqual([lien, true]);
  });

  it('names its steps in French, from its workflow', () => {
    expect(Object.keys(api.etapes)).toContain(api.demarrage.etapeInitiale);
    expect(etapeFr(api.dispositif, api.demarrage.etapeInitiale)).toBe(api.etapes[api.demarrage.etapeInitiale]);
    expect(dispositifApiOf(`${api.prefix}-0123456789`)).toBe(api);
  });
});

describe('the registry', () => {
  it('gives each dispositif its own prefix and workflow type', () => {
    expect(new Set(DISPOSITIFS_API.map((d) => d.prefix)).size).toBe(DISPOSITIFS_API.length);
    expect(new Set(DISPOSITIFS_API.map((d) => d.workflowType)).size).toBe(DISPOSITIFS_API.length);
  });

  it('keeps its list of internal messages real: each is exported by a dossier workflow or the modules they share', () => {
    const exportes = new Set([...DISPOSITIFS_API.flatMap((d) => messagesOf(d.messages)), ...messagesOf(handlers), ...messagesOf(vivier)].map((m) => m.name));
    expect(Object.keys(INTERNES).filter((n) => !exportes.has(n))).toEqual([]);
  });

  it('has a page for every link an email may carry', () => {
    // The dossiers' pages, and a regional campaign's (api/pages/agir-campagne/).
    const servies = new Set([...DISPOSITIFS_API.flatMap((d) => Object.keys(d.pages)), ...Object.keys(PAGES_CAMPAGNE)]);
    expect(ACTIONS_LIEN.filter((l) => !servies.has(l))).toEqual([]);
  });

  it('names a step in French once per dispositif, and a step shared by several after the first', () => {
    expect(etapeFr('compagnonnage', 'acte_engagement')).toBe('signature de l’acte d’engagement');
    expect(etapeFr('diagnostic', 'inconnue_ici')).toBe('inconnue ici');
    const toutes = new Map(toutesEtapesFr());
    expect(toutes.get('qualification')).toBe(DISPOSITIFS_API[0].etapes.qualification);
    expect(toutes.get('revue_finale')).toBe('revue finale avec l’UNML');
  });
});

describe('how a demand starts its dossier', () => {
  const demandes = { compagnonnage: compagnonnage.demandeApi(), appui_conseil: appuiConseil.demandeApi(), diagnostic: diagnostic.demandeApi() };

  test.each(DISPOSITIFS_API.map((d) => [d.dispositif, d] as const))(
    '%s: with its reference, and the outbox only when ACTIONS_AVANT_EMAILS is set',
    (dispositif, d) => {
      const body = createDemandeBodySchema.parse(demandes[dispositif]);
      const sans = d.demarrage.args(body, `${d.prefix}-TEST`, parseConfig({}))[0] as DossierInputCommun;
      const avec = d.demarrage.args(body, `${d.prefix}-TEST`, parseConfig({ ACTIONS_AVANT_EMAILS: 'true' }))[0] as DossierInputCommun;
      expect(sans.dossierId).toBe(`${d.prefix}-TEST`);
      expect(sans).not.toHaveProperty('actionsAvantEmails');
      expect(avec.actionsAvantEmails).toBe(true);
    },
  );
});
