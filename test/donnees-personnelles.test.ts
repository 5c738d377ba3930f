// No personal data on the Temporal server (issue #15): one dossier of each dispositif, and a regional campaign, filed
// through the API with distinctive people (names, emails, phones) and free text (the difficulty, the need, a motive),
// driven a step or two; then everything the server holds about them, read WITHOUT the codec — every event of every
// history, each execution's description (memo, search attributes, pending activities and their last failure, summaries)
// and the visibility records a list returns, Schedules included — and none of those strings is anywhere in it, raw text
// or bytes read as UTF-8. The same payloads decrypted with the keys do hold them: the test sees what it looks for.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import request from 'supertest';
import { ENCODING_ENCRYPTED } from '../config/codec';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { dechiffrer } from './helpers/codec';
import { DAY, INTERLOCUTRICE, codeUnique } from './helpers/fixtures';
import { until } from './helpers/temporal';

// A suffix of this run, so that no string below can come from anywhere but this test's requests.
const s = randomUUID().slice(0, 6);
const personne = (prenom: string, nom: string, domaine: string, telephone: string) => ({
  nom: `${prenom} ${nom}${s}`,
  email: `${prenom}.${nom}${s}@${domaine}`.toLowerCase(),
  telephone,
});

// Compagnonnage (CMP-)
const CMP = {
  direction: personne('Eulalie', 'Vandermeersch', 'ml-rouen.fr', '+33 6 71 39 48 25'),
  presidence: personne('Theodore', 'Quennevillard', 'ml-rouen.fr', '+33 6 18 27 36 45'),
  description: `Plan de sauvegarde de l emploi envisage, tensions manageriales au CODIR ${s}`,
  signataire: `Eulalie Signataire${s}`,
};
const INTERVENANT_CMP = { id: `int-pii-${s}`, type: 'directeur_ml', region: 'BRE', ...personne('Honorine', 'Kerguelen', 'ml-brest.fr', '') } as const;
// Appui Conseil (APC-)
const APC = {
  direction: personne('Barnabe', 'Lestrohan', 'ml-caen.fr', '+33 7 81 92 03 14'),
  presidence: personne('Ysaline', 'Marchevoisin', 'ml-caen.fr', '+33 7 55 44 33 22'),
  description: `Deficit de tresorerie apres la perte du financement regional ${s}`,
  besoin: `Redresser la tresorerie avant le conseil d administration ${s}`,
};
const MEMBRE_APC = { id: `mbr-pii-${s}`, type: 'directeur_ml', region: 'BRE', ...personne('Gwenola', 'Penhoadic', 'ml-quimper.fr', '') } as const;
// Diagnostic (DGN-)
const DGN = {
  direction: personne('Anatole', 'Brisebarre', 'ml-lehavre.fr', '+33 6 90 80 70 60'),
  presidence: personne('Philomene', 'Duvernoix', 'ml-lehavre.fr', '+33 6 11 22 33 44'),
  description: `Conflit entre la presidence et la direction sur la gouvernance ${s}`,
};
// Regional campaign (CAM-)
const CAM = {
  strasbourg: {
    direction: personne('Leocadie', 'Hubschwerlin', 'ml-strasbourg.fr', ''),
    presidence: personne('Aurelien', 'Oberkampfer', 'ml-strasbourg.fr', ''),
  },
  mulhouse: { direction: personne('Clotilde', 'Wurtzinger', 'ml-mulhouse.fr', ''), presidence: personne('Evariste', 'Kleinhaus', 'ml-mulhouse.fr', '') },
  etat: personne('Hippolyte', 'Rothenbach', 'direccte.gouv.fr', ''),
  region: personne('Mathurine', 'Hoffmeyer', 'region-alsace.fr', ''),
  motif: `Annulee apres le depart de la directrice ${s}`,
};
const CONSULTANT_CAM = {
  id: `cns-pii-${s}`,
  type: 'consultant_cabinet',
  region: 'GES',
  ...personne('Sidonie', 'Ravenelle', 'horizon-conseil.fr', ''),
} as const;

const sansTel = ({ nom, email }: { nom: string; email: string }) => ({ nom, email });

/** Every string that must never reach the server in clear: the people's names, emails, phones, and the free text. */
const SECRETS: string[] = [
  ...[CMP.direction, CMP.presidence, APC.direction, APC.presidence, DGN.direction, DGN.presidence].flatMap((p) => [p.nom, p.email, p.telephone]),
  ...[INTERVENANT_CMP, MEMBRE_APC, CONSULTANT_CAM].flatMap((p) => [p.nom, p.email]),
  ...[CAM.strasbourg.direction, CAM.strasbourg.presidence, CAM.mulhouse.direction, CAM.mulhouse.presidence, CAM.etat, CAM.region].flatMap((p) => [
    p.nom,
    p.email,
  ]),
  CMP.description,
  CMP.signataire,
  APC.description,
  APC.besoin,
  DGN.description,
  CAM.motif,
  // The UNML interlocutrice's own name and email (the dossier holds them; her account id is what search attributes carry).
  INTERLOCUTRICE.nom,
  INTERLOCUTRICE.email,
];

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
  for (const { id, nom, email, type, region } of [INTERVENANT_CMP, MEMBRE_APC, CONSULTANT_CAM])
    await stack.ajouterIntervenant({ id, nom, email, type, region });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

async function ok(path: string, body: object, attendu = 200): Promise<request.Response> {
  const res = await request(stack.app).post(path).send(body);
  if (res.status !== attendu) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
  return res;
}
const dossier = async (id: string) => (await request(stack.app).get(`/api/dossiers/${id}`)).body as Record<string, unknown>;

/** Every string and every byte string (read as UTF-8) of a protobuf message tree, field names included. */
function textes(node: unknown, out: string[] = []): string[] {
  if (node === null || node === undefined) return out;
  if (typeof node === 'string') out.push(node);
  else if (node instanceof Uint8Array) out.push(Buffer.from(node).toString('utf8'));
  else if (Array.isArray(node)) for (const n of node) textes(n, out);
  else if (typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      out.push(k);
      textes(v, out);
    }
  }
  return out;
}

/** Every Payload of a message tree (metadata + data), wherever it sits. */
function payloads(node: unknown, out: Payload[] = []): Payload[] {
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return out;
  const o = node as Record<string, unknown>;
  if (o.data instanceof Uint8Array && o.metadata !== undefined && typeof o.metadata === 'object') {
    out.push(o as Payload);
    return out;
  }
  for (const v of Object.values(o)) payloads(v, out);
  return out;
}

const trouves = (texte: string) => SECRETS.filter((secret) => texte.toLowerCase().includes(secret.toLowerCase()));

describe('what the Temporal server holds about dossiers and a campaign', () => {
  const ids: Record<string, string> = {};

  it('files a demand of each dispositif and a campaign, with distinctive people and free text, and drives each a step or two', async () => {
    // Compagnonnage: accepted, an intervenant designated who accepts, the acte d'engagement signed.
    const cmp = await ok(
      '/api/demandes',
      {
        dispositif: 'compagnonnage',
        missionLocale: { code: codeUnique('ML-ROUEN'), nom: 'Mission Locale de Rouen', region: 'NOR' },
        direction: CMP.direction,
        presidence: CMP.presidence,
        casMobilisation: 'prise_de_poste_contexte_difficile',
        sujets: ['organisation_management', 'offre_de_service'],
        description: CMP.description,
      },
      201,
    );
    ids.compagnonnage = cmp.body.dossierId as string;
    await ok(`/api/dossiers/${ids.compagnonnage}/accepter`, { interlocutrice: INTERLOCUTRICE });
    await ok(`/api/dossiers/${ids.compagnonnage}/candidats/${INTERVENANT_CMP.id}/confirmation`, {});
    await ok(`/api/dossiers/${ids.compagnonnage}/intervenant/reponse`, { accepte: true, intervenantId: INTERVENANT_CMP.id });
    await until('the acte d’engagement to sign', async () => ((await dossier(ids.compagnonnage!)).etape === 'acte_engagement' ? true : undefined));
    await ok(`/api/dossiers/${ids.compagnonnage}/signer-acte-engagement`, { signataire: CMP.signataire });

    // Appui Conseil: the first contact (the need), a network member designated.
    const apc = await ok(
      '/api/demandes',
      {
        dispositif: 'appui_conseil',
        missionLocale: { code: codeUnique('ML-CAEN'), nom: 'Mission Locale de Caen', region: 'NOR' },
        direction: APC.direction,
        presidence: APC.presidence,
        casMobilisation: 'situation_financiere',
        sujets: ['finances', 'gouvernance'],
        description: APC.description,
      },
      201,
    );
    ids.appui_conseil = apc.body.dossierId as string;
    await ok(`/api/dossiers/${ids.appui_conseil}/prise-de-contact`, { besoin: APC.besoin, interlocutrice: INTERLOCUTRICE, par: INTERLOCUTRICE.id });
    await ok(`/api/dossiers/${ids.appui_conseil}/candidats/${MEMBRE_APC.id}/confirmation`, {});

    // Diagnostic: accepted.
    const dgn = await ok(
      '/api/demandes',
      {
        dispositif: 'diagnostic',
        missionLocale: { code: codeUnique('ML-LEHAVRE'), nom: 'Mission Locale du Havre', region: 'NOR' },
        direction: DGN.direction,
        presidence: DGN.presidence,
        demandeur: 'direction',
        sujets: ['gouvernance', 'management', 'finances'],
        description: DGN.description,
      },
      201,
    );
    ids.diagnostic = dgn.body.dossierId as string;
    await ok(`/api/dossiers/${ids.diagnostic}/accepter`, { interlocutrice: INTERLOCUTRICE });

    // A regional campaign: created (its MLs' directions and the funders' contacts), then cancelled with a motive.
    const jour = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
    const cam = await ok(
      '/api/campagnes',
      {
        nom: `Demarche de progres des Missions Locales d Alsace`,
        region: 'GES',
        mls: [
          { code: 'ML-STRASBOURG', direction: sansTel(CAM.strasbourg.direction), presidence: sansTel(CAM.strasbourg.presidence) },
          { code: 'ML-MULHOUSE', direction: sansTel(CAM.mulhouse.direction), presidence: sansTel(CAM.mulhouse.presidence) },
        ],
        territoires: [
          { nom: 'Bas-Rhin', mls: ['ML-STRASBOURG'] },
          { nom: 'Haut-Rhin', mls: ['ML-MULHOUSE'] },
        ],
        financeurs: [
          { nom: 'DIRECCTE Alsace', organisme: 'etat', contact: sansTel(CAM.etat) },
          { nom: 'Région Alsace', organisme: 'region', contact: sansTel(CAM.region) },
        ],
        consultantId: CONSULTANT_CAM.id,
        calendrier: {
          cadrage: { debut: jour(1), fin: jour(60) },
          etat_des_lieux: { debut: jour(61), fin: jour(180) },
          analyse_transversale: { debut: jour(181), fin: jour(270) },
        },
        financement: { enveloppeCentimes: 150_000_000 },
      },
      201,
    );
    ids.campagne = cam.body.campagneId as string;
    await ok(`/api/campagnes/${ids.campagne}/annulation`, { motif: CAM.motif });

    // Every dossier took its steps (the workflows decrypted what they were sent).
    await until('the compagnonnage past its acte', async () => ((await dossier(ids.compagnonnage!)).etape !== 'acte_engagement' ? true : undefined));
    expect(JSON.stringify(await dossier(ids.compagnonnage))).toContain(CMP.signataire);
    expect(JSON.stringify(await dossier(ids.appui_conseil))).toContain(APC.besoin);
    expect(JSON.stringify(await dossier(ids.diagnostic))).toContain(DGN.description);
    // The emails went out (a few activities ran: their inputs are in the histories too).
    await until('the emails', () => (stack.mails().some((m) => m.includes(CMP.direction.email)) ? true : undefined));
  }, 120_000);

  it('holds none of those strings, in histories, descriptions, visibility records or Schedules read without the codec', async () => {
    const namespace = stack.env.namespace ?? 'default';
    // A client WITHOUT the codec, on the same connection.
    const brut = new Client({ connection: stack.env.connection, namespace });
    const service = brut.workflowService;

    // Visibility: every execution of the namespace (this stack's), as the list returns them (memo, search attributes).
    const executions: temporal.api.workflow.v1.IWorkflowExecutionInfo[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await service.listWorkflowExecutions({ namespace, pageSize: 100, ...(nextPageToken ? { nextPageToken } : {}) });
      executions.push(...page.executions);
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    const parDispositif = await service.listWorkflowExecutions({
      namespace,
      query: `Dispositif IN ("compagnonnage", "appui_conseil", "diagnostic", "campagne")`,
    });
    const vus = new Set(parDispositif.executions.map((e) => e.execution?.workflowId));
    for (const id of Object.values(ids)) expect(vus).toContain(id);

    const clair: { ou: string; texte: string }[] = [];
    const decode: string[] = [];
    const noter = async (ou: string, message: object, json?: string) => {
      clair.push({ ou, texte: textes(message).join('\n') + (json ?? JSON.stringify(message)) });
      const tous = payloads(message);
      const chiffres = tous.filter((p) => Buffer.from(p.metadata?.encoding ?? []).toString() === ENCODING_ENCRYPTED);
      for (const p of await dechiffrer(chiffres)) decode.push(textes(p).join('\n'));
    };
    await noter('visibility', { executions, parDispositif: parDispositif.executions });
    for (const e of executions) {
      const execution = { workflowId: e.execution!.workflowId!, runId: e.execution!.runId! };
      const description = await service.describeWorkflowExecution({ namespace, execution });
      await noter(`${execution.workflowId}: description`, description);
      const history = await brut.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      await noter(`${execution.workflowId}: history`, history, historyToJSON(history));
    }
    // Schedules (a campaign's dialogues de gestion), if any were created.
    for (const sch of (await service.listSchedules({ namespace, maximumPageSize: 100 })).schedules ?? []) {
      await noter(`schedule ${sch.scheduleId}`, await service.describeSchedule({ namespace, scheduleId: sch.scheduleId! }));
    }
    expect(executions.length).toBeGreaterThanOrEqual(4);

    // Nothing in clear…
    expect(clair.flatMap(({ ou, texte }) => trouves(texte).map((secret) => `${ou}: ${secret}`))).toEqual([]);
    // …while the same records, decrypted, hold every one of them (so the search above can find what it looks for).
    const dechiffre = decode.join('\n').toLowerCase();
    expect(SECRETS.filter((secret) => !dechiffre.includes(secret.toLowerCase()))).toEqual([]);
  }, 120_000);
});
