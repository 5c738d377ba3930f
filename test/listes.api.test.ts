// The back office's lists (issue #12 §4) on the real stack (dev server, worker, SQLite): GET /api/dossiers filtered
// by dispositif, région, step, interlocutrice, Mission Locale, who it waits for and overdue, paginated with an opaque
// token; « Mes dossiers » of a signed-in account and of another; « À traiter »; « Tous les dossiers » and its
// « Page suivante ». Rows come from search attributes only: with the worker stopped (no query could be answered),
// the lists still answer, and an overdue dossier shows as such.
import type { Express } from 'express';
import request from 'supertest';
import type { MissionLocaleRef } from '../db/store';
import { avecJeton, compteDeTest, type CompteDeTest } from './helpers/acces';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi as demandeCompagnonnage } from './helpers/compagnonnage';
import { demandeApi as demandeDiagnostic } from './helpers/diagnostic';
import { demandeApi as demandeAppui } from './helpers/appui-conseil';
import { until } from './helpers/temporal';

let stack: ApiStack;
let app: Express;
let sophie: CompteDeTest;
let anne: CompteDeTest;
let mlAilleurs: MissionLocaleRef;
const ids = {} as { cmpSophie: string; cmpAnne: string; cmpNouveau: string; dgnSophie: string; apc: string };

interface Ligne {
  dossierId: string;
  dispositif: string;
  missionLocale: string;
  missionLocaleNom: string | null;
  region: string;
  etape: string;
  etapeLibelle: string;
  prochaineEcheance: string | null;
  enRetard: boolean;
  attenteDe: string | null;
  attenteDeLibelle: string | null;
  attendu: string | null;
  interlocutrice: string | null;
}

async function liste(query: Record<string, string | number | boolean>): Promise<{ items: Ligne[]; pageSuivante: string | null; tri: string }> {
  const res = await request(app).get('/api/dossiers').query(query);
  expect(res.status).toBe(200);
  return res.body;
}
const idsDe = (items: Ligne[]) => items.map((i) => i.dossierId).sort();

async function demande(body: Record<string, unknown>): Promise<string> {
  const res = await request(app).post('/api/demandes').send(body);
  expect(res.status).toBe(201);
  return res.body.dossierId as string;
}
async function action(id: string, path: string, body: Record<string, unknown>): Promise<void> {
  const res = await request(app).post(`/api/dossiers/${id}/${path}`).send(body);
  expect({ path, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ path, status: 200, body: undefined });
}
const interlocutrice = (c: CompteDeTest) => ({ id: c.compte.id, nom: c.compte.nom, email: c.compte.email });

beforeAll(async () => {
  // The acte's deadline passes in seconds: the last test sees it overdue (its worker stopped, nothing lapses it).
  stack = await startApiStack({ ACTE_LAPSE_DELAY: '10s' });
  await stack.ajouterIntervenant({ id: 'int-BRE', nom: 'Paul Le Gall', email: 'direction-bre@ml.example.fr', type: 'directeur_ml', region: 'BRE' });
  app = stack.app;
  sophie = await compteDeTest(stack.comptes, 'charge_mission');
  anne = await compteDeTest(stack.comptes, 'charge_mission');
  mlAilleurs = (await stack.vivier.missionsLocales()).find((m) => m.region !== 'NOR')!;
  // Compagnonnage: one accepted by Sophie (designation: UNML), one by Anne, one not yet qualified; a Diagnostic accepted
  // by Sophie; an Appui Conseil of a Mission Locale of the reference data, in another région.
  ids.cmpSophie = await demande(demandeCompagnonnage());
  await action(ids.cmpSophie, 'accepter', { interlocutrice: interlocutrice(sophie) });
  ids.cmpAnne = await demande(demandeCompagnonnage());
  await action(ids.cmpAnne, 'accepter', { interlocutrice: interlocutrice(anne) });
  ids.cmpNouveau = await demande(demandeCompagnonnage());
  ids.dgnSophie = await demande(demandeDiagnostic());
  await action(ids.dgnSophie, 'accepter', { interlocutrice: interlocutrice(sophie) });
  ids.apc = await demande(demandeAppui({ missionLocale: { code: mlAilleurs.code, nom: mlAilleurs.nom, region: mlAilleurs.region } }));
  await until('every dossier listed at its step', async () => {
    const { items } = await liste({ limit: 200 });
    const etape = (id: string) => items.find((i) => i.dossierId === id)?.etape;
    return etape(ids.cmpSophie) === 'designation_intervenant' &&
      etape(ids.cmpAnne) === 'designation_intervenant' &&
      etape(ids.dgnSophie) === 'designation_binome' &&
      etape(ids.cmpNouveau) === 'qualification' &&
      etape(ids.apc) === 'prise_de_contact'
      ? true
      : undefined;
  });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/dossiers: filters, rows from search attributes, pages', () => {
  it('filters by dispositif, région, step, interlocutrice, Mission Locale and who it waits for', async () => {
    expect(idsDe((await liste({ dispositif: 'diagnostic' })).items)).toEqual([ids.dgnSophie]);
    expect(idsDe((await liste({ region: mlAilleurs.region })).items)).toEqual([ids.apc]);
    expect(idsDe((await liste({ etape: 'qualification' })).items)).toEqual([ids.cmpNouveau]);
    expect(idsDe((await liste({ interlocutrice: sophie.compte.id })).items)).toEqual([ids.cmpSophie, ids.dgnSophie].sort());
    expect(idsDe((await liste({ missionLocale: mlAilleurs.code })).items)).toEqual([ids.apc]);
    expect(idsDe((await liste({ attenteDe: 'unml' })).items)).toEqual(Object.values(ids).sort());
    expect((await liste({ attenteDe: 'ml' })).items).toEqual([]);
    expect((await liste({ enRetard: true })).items).toEqual([]);
    expect(idsDe((await liste({ enRetard: false })).items)).toEqual(Object.values(ids).sort());
  });

  it('says, for each row, the step in French, who it waits for and what, the ML’s name from the reference data', async () => {
    const { items, tri } = await liste({ limit: 200 });
    // The dev server's SQLite visibility cannot ORDER BY: the most recent first, and the answer says so.
    expect(tri).toBe('depot');
    const apc = items.find((i) => i.dossierId === ids.apc)!;
    expect(apc).toMatchObject({
      dispositif: 'appui_conseil',
      missionLocale: mlAilleurs.code,
      missionLocaleNom: mlAilleurs.nom,
      region: mlAilleurs.region,
      attenteDe: 'unml',
      attenteDeLibelle: 'l’UNML',
      enRetard: false,
      interlocutrice: null,
    });
    expect(apc.attendu).toMatch(/^l’UNML : /);
    const cmp = items.find((i) => i.dossierId === ids.cmpSophie)!;
    expect(cmp).toMatchObject({ etape: 'designation_intervenant', etapeLibelle: 'désignation de l’intervenant', interlocutrice: sophie.compte.id });
    expect(items.map((i) => i.missionLocaleNom === null)).toContain(true); // unique test codes are not in the reference data
  });

  it('pages: a next-page token, a page 2 that differs, the same filters kept; an unknown token is refused in French', async () => {
    const p1 = await liste({ limit: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p1.pageSuivante).toEqual(expect.any(String));
    const p2 = await liste({ limit: 2, page: p1.pageSuivante! });
    expect(p2.items.length).toBeGreaterThan(0);
    expect(idsDe(p2.items).some((id) => idsDe(p1.items).includes(id))).toBe(false);
    const p3 = p2.pageSuivante ? await liste({ limit: 2, page: p2.pageSuivante }) : { items: [], pageSuivante: null };
    expect(p3.pageSuivante).toBeNull();
    expect(idsDe([...p1.items, ...p2.items, ...p3.items])).toEqual(Object.values(ids).sort());

    const inconnu = await request(app).get('/api/dossiers').query({ page: 'pas-un-jeton' });
    expect(inconnu.status).toBe(400);
    expect(inconnu.body.message).toMatch(/Page inconnue ou expirée/);
    expect((await request(app).get('/api/dossiers').query({ attenteDe: 'personne' })).status).toBe(400);
    expect((await request(app).get('/api/dossiers').query({ enRetard: 'oui' })).status).toBe(400);
  });
});

describe('the back office’s lists', () => {
  it('« Mes dossiers »: the signed-in account’s, not another’s', async () => {
    const pourSophie = await request(avecJeton(stack.appSansCompte, sophie.jeton)).get('/staff');
    expect(pourSophie.status).toBe(200);
    expect(pourSophie.text).toContain('<h1>Mes dossiers</h1>');
    expect(pourSophie.text).toContain(`<th scope="row"><a href="/staff/dossiers/${ids.cmpSophie}">${ids.cmpSophie}</a></th>`);
    expect(pourSophie.text).toContain(`<th scope="row"><a href="/staff/dossiers/${ids.dgnSophie}">${ids.dgnSophie}</a></th>`);
    expect(pourSophie.text).not.toContain(ids.cmpAnne);
    expect(pourSophie.text).toContain('<caption>');
    expect(pourSophie.text).toContain('désignation de l’intervenant');
    expect(pourSophie.text).toContain('<strong>l’UNML</strong> — l’UNML : confirmer un intervenant proposé par le vivier');
    expect(pourSophie.text).toContain(sophie.compte.nom);
    const pourAnne = await request(avecJeton(stack.appSansCompte, anne.jeton)).get('/staff');
    expect(pourAnne.text).toContain(ids.cmpAnne);
    expect(pourAnne.text).not.toContain(ids.cmpSophie);
  });

  it('« À traiter »: what waits for UNML; « Tous les dossiers »: filters and « Page suivante »', async () => {
    const aTraiter = await request(app).get('/staff').query({ vue: 'a-traiter' });
    expect(aTraiter.status).toBe(200);
    for (const id of Object.values(ids)) expect(aTraiter.text).toContain(id);

    const filtre = await request(app).get('/staff').query({ vue: 'tous', dispositif: 'diagnostic', region: '', interlocutrice: sophie.compte.id });
    expect(filtre.text).toContain(ids.dgnSophie);
    expect(filtre.text).not.toContain(ids.cmpSophie);
    expect(filtre.text).toContain('<label for="f-interlocutrice">Interlocutrice</label>');
    expect(filtre.text).toContain(`<option value="${sophie.compte.id}" selected>`);

    const p1 = await request(app).get('/staff').query({ vue: 'tous', limit: 2 });
    const suivante = /<a href="([^"]+)" rel="next">Page suivante<\/a>/
      .exec(p1.text)?.[1]
      ?.replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=');
    expect(suivante).toMatch(/^\/staff\?vue=tous&limit=2&page=/);
    const p2 = await request(app).get(suivante!);
    expect(p2.status).toBe(200);
    const lignes = (html: string) =>
      [...html.matchAll(/<th scope="row"><a href="\/staff\/dossiers\/[A-Z]{3}-[0-9A-F]{10}">([A-Z]{3}-[0-9A-F]{10})<\/a><\/th>/g)].map((m) => m[1]);
    expect(lignes(p1.text)).toHaveLength(2);
    expect(lignes(p2.text).length).toBeGreaterThan(0);
    expect(lignes(p2.text).some((id) => lignes(p1.text).includes(id))).toBe(false);
    expect(p2.text).toContain('Première page');
  });

  it('with the worker stopped, lists still answer from search attributes: an overdue dossier shows as such, first', async () => {
    // Sophie's, its intervenant designated and accepting: it waits for the ML to sign the acte, until a deadline 10 s away.
    const id = await demande(demandeCompagnonnage());
    await action(id, 'accepter', { interlocutrice: interlocutrice(sophie) });
    await action(id, 'candidats/int-BRE/confirmation', {});
    await action(id, 'intervenant/reponse', { accepte: true });
    const ligne = await until('the dossier waiting for the ML', async () => (await liste({ attenteDe: 'ml' })).items[0]);
    expect(ligne).toMatchObject({ dossierId: id, etape: 'acte_engagement', attenteDe: 'ml', attenteDeLibelle: 'la Mission Locale', enRetard: false });
    expect(ligne.prochaineEcheance).toEqual(expect.any(String));
    expect(idsDe((await liste({ enRetard: false, interlocutrice: sophie.compte.id })).items)).toContain(id);

    // No worker any more: no query could be answered, and nothing lapses the dossier when its deadline passes.
    await stack.arreterWorker();
    const attente = Date.parse(ligne.prochaineEcheance!) - Date.now() + 500;
    if (attente > 0) await new Promise((r) => setTimeout(r, attente));

    const enRetard = await liste({ enRetard: true });
    expect(enRetard.items.map((i) => [i.dossierId, i.enRetard])).toEqual([[id, true]]);
    expect(idsDe((await liste({ enRetard: false, interlocutrice: sophie.compte.id })).items)).not.toContain(id);

    const debut = Date.now();
    const mes = await request(avecJeton(stack.appSansCompte, sophie.jeton)).get('/staff');
    expect(mes.status).toBe(200);
    expect(Date.now() - debut).toBeLessThan(5_000);
    expect(mes.text).toContain('dont <strong>1 en retard</strong>');
    // Overdue first, then the others (no deadline).
    const lignes = [...mes.text.matchAll(/<th scope="row"><a href="\/staff\/dossiers\/[A-Z]{3}-[0-9A-F]{10}">([A-Z]{3}-[0-9A-F]{10})<\/a><\/th>/g)].map(
      (m) => m[1],
    );
    expect(lignes[0]).toBe(id);
    expect(lignes.slice(1).sort()).toEqual([ids.cmpSophie, ids.dgnSophie].sort());
    expect(mes.text).toContain('<strong class="erreur">En retard :</strong>');
    expect(mes.text).toContain('<strong>la Mission Locale</strong> — la Mission Locale : signer l’acte d’engagement');

    const tous = await request(app).get('/staff').query({ vue: 'tous', enRetard: 'true' });
    expect(tous.status).toBe(200);
    expect(tous.text).toContain(id);
    expect(tous.text).not.toContain(ids.cmpSophie);
  });
});
