// The back office's Vivier pages (issue #12 §4), as a staff member uses them: signed in through a real sign-in link
// on the real app with a real SQLite store; the forms are posted with their CSRF token, as a browser does. Temporal is
// never called by these pages (a client that fails at once if it were).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../api/app';
import { parseConfig } from '../config';
import type { Compte } from '../db/comptes-store';
import { SqlComptesStore } from '../db/comptes';
import type { IntervenantFiche, MissionLocaleRef, NouvelIntervenant } from '../db/store';
import { compteDeTest, type CompteDeTest } from './helpers/acces';
import { createTestStore, type TestStore } from './helpers/db';

const injoignable = {
  workflow: {
    getHandle: () => {
      throw new Error('14 UNAVAILABLE: Temporal injoignable (test)');
    },
    list: () => {
      throw new Error('14 UNAVAILABLE: Temporal injoignable (test)');
    },
  },
};

let pool: TestStore;
let comptes: SqlComptesStore;
let app: Express;
let dir: string;
let charge: CompteDeTest;
let lecteur: CompteDeTest;
let mlA: MissionLocaleRef;
let mlB: MissionLocaleRef;
const liberees: string[] = [];
let n = 0;

beforeAll(async () => {
  pool = await createTestStore('sqlite');
  comptes = new SqlComptesStore(pool.db);
  dir = mkdtempSync(join(tmpdir(), 'vivier-pages-'));
  app = createApp({
    client: injoignable as unknown as Client,
    config: parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir, SESSION_SECRET: 'test-session-secret-0123456789abcdef0123', RATE_LIMIT_SIGNIN: '1000' }),
    logger: pino({ level: 'silent' }),
    vivier: pool.store,
    comptes,
    envoyerLienConnexion: () => Promise.resolve(),
    capaciteLiberee: (raison) => {
      liberees.push(raison);
    },
    ficheModifiee: () => Promise.resolve(),
  });
  charge = await compteDeTest(comptes, 'charge_mission');
  lecteur = await compteDeTest(comptes, 'lecture');
  const mls = await pool.store.missionsLocales();
  mlA = mls[0]!;
  mlB = mls.find((m) => m.region !== mlA.region)!;
});
afterAll(async () => {
  await pool?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const champ = (html: string, nom: string) => new RegExp(`name="${nom}" value="([^"]*)"`).exec(html)?.[1];
/** The text of a page without tags (what a person reads), spaces collapsed. */
const lu = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, '’')
    .replace(/\s+/g, ' ');
/** The address of the page's link `rel` (next, prev), as the browser reads it. */
const lien = (html: string, rel: string) =>
  new RegExp(`<a href="([^"]*)" rel="${rel}">`)
    .exec(html)?.[1]
    ?.replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
/** The error shown under a field (its `e-<nom>` paragraph). */
const erreurDe = (html: string, nom: string) => new RegExp(`<p class="erreur" id="e-${nom}">([^<]*)</p>`).exec(html)?.[1];

/** A browser signed in as `compte` through a real sign-in link, and its CSRF token. */
async function connecte(compte: Compte) {
  const { jeton } = await comptes.creerLienConnexion(compte.id, 15 * 60_000);
  const agent = request.agent(app);
  const page = await agent.get(`/connexion/lien?jeton=${encodeURIComponent(jeton)}`);
  const res = await agent
    .post('/connexion/lien')
    .type('form')
    .send({ jeton, retour: '/vivier', _csrf: champ(page.text, '_csrf') });
  expect(res.status).toBe(303);
  const { csrf } = (await agent.get('/api/moi')).body as { csrf: string };
  return { agent, csrf };
}

function directeur(o: Partial<NouvelIntervenant> = {}): NouvelIntervenant {
  n += 1;
  return {
    type: 'directeur_ml',
    nom: `Claire Martin ${n}`,
    email: `claire.${n}@ml-exemple.fr`,
    region: mlA.region,
    missionLocaleCode: mlA.code,
    expertises: ['management'],
    capaciteDossiers: 2,
    capaciteHeuresMois: 16,
    ...o,
  };
}
function consultant(o: Partial<NouvelIntervenant> = {}): NouvelIntervenant {
  n += 1;
  return {
    type: 'consultant_cabinet',
    nom: `Paul Durand ${n}`,
    email: `paul.${n}@cabinet.fr`,
    region: mlB.region,
    cabinet: 'Cabinet Exemple',
    expertises: ['finances'],
    capaciteDossiers: 3,
    capaciteHeuresMois: 40,
    ...o,
  };
}
const ajouter = (i: NouvelIntervenant): Promise<IntervenantFiche> => pool.store.createIntervenant(i, 'test');

/** The edit form's fields as the page prefilled them (what the browser sends back when nothing is touched). */
function formulaireEdition(html: string): Record<string, string | string[]> {
  const form = /<form method="post" action="\/vivier\/intervenants\/[^/"#]+#modifier"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const out: Record<string, string | string[]> = {};
  for (const m of form.matchAll(/<input type="(text|email|number|hidden|tel)" id="[^"]*" name="([^"]+)" value="([^"]*)"/g)) out[m[2]!] = m[3]!;
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) out[m[1]!] = m[2]!;
  for (const m of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    out[m[1]!] = m[2]!
      .replace(/&quot;/g, '"')
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const choisi = /<option value="([^"]*)" selected>/.exec(m[2]!);
    if (choisi) out[m[1]!] = choisi[1]!;
  }
  const cases: Record<string, string[]> = {};
  for (const m of form.matchAll(/<input type="checkbox" id="[^"]*" name="([^"]+)" value="([^"]*)"([^>]*)>/g)) {
    if (m[3]!.includes('checked')) (cases[m[1]!] ??= []).push(m[2]!);
  }
  for (const [k, v] of Object.entries(cases)) out[k] = v.length === 1 && k === 'actif' ? v[0]! : v;
  return out;
}
const formBody = (o: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

describe('the Vivier: intervenants', () => {
  it('finds intervenants by name (accents and case aside), région, kind, dispositif and status, each row linking to its card', async () => {
    const elodie = await ajouter(directeur({ nom: 'Élodie Rivière' }));
    const paul = await ajouter(consultant({ nom: 'Paul Lefèvre' }));
    const retire = await ajouter(consultant({ nom: 'Régis Ancien' }));
    await pool.store.retirerIntervenant(retire.id, 'test', 'départ');
    const { agent } = await connecte(charge.compte);

    const tous = await agent.get('/vivier');
    expect(tous.status).toBe(200);
    expect(tous.text).toContain('<a href="/vivier" aria-current="page">Vivier</a>');
    for (const f of [elodie, paul, retire]) expect(tous.text).toContain(`<a href="/vivier/intervenants/${f.id}">${f.nom.replace(/’/g, '&#x27;')}</a>`);
    expect(tous.text).toContain('<a href="/vivier/candidatures">Candidatures en attente');

    const nom = await agent.get('/vivier?q=elodie+riv');
    expect(lu(nom.text)).toContain('1 résultat(s).');
    expect(nom.text).toContain('Élodie Rivière');
    expect(nom.text).not.toContain('Paul Lefèvre');
    // The search is kept in its field.
    expect(champ(nom.text, 'q')).toBe('elodie riv');

    const region = await agent.get(`/vivier?region=${mlB.region}`);
    expect(region.text).toContain('Paul Lefèvre');
    expect(region.text).not.toContain('Élodie Rivière');
    expect(region.text).toMatch(new RegExp(`<option value="${mlB.region}" selected>`));

    const compagnonnage = await agent.get('/vivier?dispositif=compagnonnage');
    expect(compagnonnage.text).toContain('Élodie Rivière');
    expect(compagnonnage.text).not.toContain('Paul Lefèvre');

    const dansLeVivier = await agent.get('/vivier?type=consultant_cabinet&statut=valide');
    expect(dansLeVivier.text).toContain('Paul Lefèvre');
    expect(dansLeVivier.text).not.toContain('Régis Ancien');
    const retires = await agent.get('/vivier?statut=retire');
    expect(lu(retires.text)).toContain('Régis Ancien');
    expect(lu(retires.text)).toContain('Retiré·e du vivier');

    const rien = await agent.get('/vivier?q=personne-de-ce-nom');
    expect(rien.text).toContain('Aucun intervenant ne correspond à cette recherche.');

    const faux = await agent.get('/vivier?region=ZZZ');
    expect(faux.status).toBe(400);
    expect(erreurDe(faux.text, 'region')).toBe('Choisissez une valeur de la liste.');
  });

  it('cuts a long result into pages of 50, the search kept from page to page', async () => {
    for (let i = 1; i <= 52; i++) await ajouter(consultant({ nom: `Paginé ${String(i).padStart(2, '0')}` }));
    const { agent } = await connecte(lecteur.compte);
    const un = await agent.get('/vivier?q=pagine');
    expect(lu(un.text)).toContain('52 résultat(s) ; page 1 sur 2 (50 affiché(s), 50 par page).');
    expect(un.text).toContain('Paginé 50');
    expect(un.text).not.toContain('Paginé 51');
    expect(lien(un.text, 'next')).toBe('/vivier?q=pagine&page=2');
    const deux = await agent.get('/vivier?q=pagine&page=2');
    expect(lu(deux.text)).toContain('page 2 sur 2 (2 affiché(s)');
    expect(deux.text).toContain('Paginé 52');
    expect(deux.text).not.toContain('Paginé 01');
    expect(lien(deux.text, 'prev')).toBe('/vivier?q=pagine');
    expect(lien(deux.text, 'next')).toBeUndefined();
  });

  it('shows the card in French with its active reservations and history; a lecture account sees no form and may not post', async () => {
    const f = await ajouter(directeur({ nom: 'Nadia Réservée', telephone: '01 02 03 04 05', expertises: ['management', 'finances'] }));
    await pool.store.reserver({ dossierId: 'CMP-00000000V1', role: 'compagnon', intervenantId: f.id, heuresMois: 8, manuelle: false, par: 'test' });

    const { agent, csrf } = await connecte(charge.compte);
    const page = await agent.get(`/vivier/intervenants/${f.id}`);
    expect(page.status).toBe(200);
    const texte = lu(page.text);
    for (const attendu of [
      'Type d’intervenant Directeur·rice de Mission Locale',
      'Téléphone 01 02 03 04 05',
      `Mission Locale de rattachement ${mlA.nom} (${mlA.code})`,
      'Management, pratiques managériales',
      'Finances, trésorerie, équilibre budgétaire',
      'en cours : 1 dossier(s), 8 h/mois',
      'Statut Actif',
      'Entrée dans le vivier',
    ])
      expect(texte).toContain(attendu);
    expect(page.text).toContain('<a href="/staff/dossiers/CMP-00000000V1">CMP-00000000V1</a>');
    expect(texte).toContain('Intervenant·e de Compagnonnage');
    expect(page.text).toContain('Modifier la fiche');
    expect(page.text).toContain('Retirer du vivier');
    // The home ML is chosen from the reference's list, by région.
    expect(page.text).toContain(`<option value="${mlA.code}" selected>`);

    // Withdrawing someone reserved is refused, saying why.
    const refus = await agent.post(`/vivier/intervenants/${f.id}/retrait`).type('form').send({ _csrf: csrf, motif: 'Départ à la retraite' });
    expect(refus.status).toBe(409);
    expect(lu(refus.text)).toContain('Retrait refusé');
    expect(lu(refus.text)).toContain('CMP-00000000V1');
    expect(refus.text).toContain('Départ à la retraite</textarea>');

    // A new kind while reserved is refused by the pool, with its reason; the form keeps what was typed.
    const form = formulaireEdition(page.text);
    const type = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(formBody({ ...form, _csrf: csrf, type: 'expert_reseau', nom: 'Nadia Renommée' }));
    expect(type.status).toBe(409);
    expect(lu(type.text)).toContain('Modification refusée');
    expect(lu(type.text)).toContain('Rien n’a été enregistré');
    expect(champ(type.text, 'nom')).toBe('Nadia Renommée');
    expect((await pool.store.getIntervenant(f.id))!).toMatchObject({ nom: 'Nadia Réservée', type: 'directeur_ml' });

    const inconnu = await agent.get('/vivier/intervenants/INT-INCONNU00');
    expect(inconnu.status).toBe(404);
    expect(lu(inconnu.text)).toContain('Intervenant introuvable');

    const l = await connecte(lecteur.compte);
    const lecture = await l.agent.get(`/vivier/intervenants/${f.id}`);
    expect(lecture.status).toBe(200);
    expect(lu(lecture.text)).toContain('Nadia Réservée');
    expect(lecture.text).not.toContain('<form method="post" action="/vivier');
    expect(lecture.text).not.toContain('Modifier la fiche');
    const liste = await l.agent.get('/vivier');
    expect(liste.text).not.toContain('Ajouter un intervenant');
    const post = await l.agent.post(`/vivier/intervenants/${f.id}`).type('form').send({ _csrf: l.csrf, nom: 'Piratée' });
    expect(post.status).toBe(403);
    expect(lu(post.text)).toContain('Accès refusé');
    const retrait = await l.agent.post(`/vivier/intervenants/${f.id}/retrait`).type('form').send({ _csrf: l.csrf, motif: 'x' });
    expect(retrait.status).toBe(403);
    expect((await pool.store.getIntervenant(f.id))!.nom).toBe('Nadia Réservée');
  });

  it('saves an edit of the prefilled form and records it in the history, by name', async () => {
    const f = await ajouter(consultant({ nom: 'Jean Modifié', telephone: '01 00 00 00 00' }));
    const { agent, csrf } = await connecte(charge.compte);
    const page = await agent.get(`/vivier/intervenants/${f.id}`);
    const form = formulaireEdition(page.text);
    expect(form).toMatchObject({ nom: 'Jean Modifié', email: f.email, capaciteDossiers: '3', telephone: '01 00 00 00 00', type: 'consultant_cabinet' });

    // Sent back untouched: nothing changes.
    const rien = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(formBody({ ...form, _csrf: csrf }));
    expect(rien.status).toBe(303);
    expect(lu((await agent.get(rien.headers.location!)).text)).toContain('Aucune modification : la fiche est inchangée.');

    const envoi = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(formBody({ ...form, _csrf: csrf, telephone: '', capaciteDossiers: '5', expertises: ['finances', 'gouvernance'] }));
    expect(envoi.status).toBe(303);
    expect(envoi.headers.location).toBe(`/vivier/intervenants/${f.id}?fait=modifie`);
    const apres = lu((await agent.get(envoi.headers.location!)).text);
    expect(apres).toContain('Modifications enregistrées.');
    expect(apres).toContain('Téléphone —');
    expect(apres).toContain('5 dossier(s) en même temps');
    expect(apres).toContain(`Fiche modifiée`);
    expect(apres).toContain(`par ${charge.compte.nom}`);
    expect(apres).toContain('Dossiers suivis en même temps : 3 → 5');
    expect(apres).toContain('Téléphone : 01 00 00 00 00 → —');
    const stocke = (await pool.store.getIntervenant(f.id))!;
    expect(stocke.telephone).toBeUndefined();
    expect(stocke.expertises.sort()).toEqual(['finances', 'gouvernance']);
    expect(liberees.some((r) => r.includes(`intervenant ${f.id}`) && r.includes('capacité portée à 5 dossiers'))).toBe(true);
    const [evenement] = (await pool.store.historique('intervenant', f.id)).filter((e) => e.action === 'modification');
    expect(evenement!.par).toBe(charge.compte.id);
  });

  it('keeps the rows of the card (unavailability periods, MLs known) through an edit, and adds one with « Ajouter une ligne »', async () => {
    const periode = { debut: '2027-07-01', fin: '2027-07-31', motif: 'congés' };
    const connue = { missionLocaleCode: mlB.code, personne: 'la présidente' };
    const f = await ajouter(directeur({ indisponibilites: [periode], connaissances: [connue] }));
    const { agent, csrf } = await connecte(charge.compte);
    const champs = formulaireEdition((await agent.get(`/vivier/intervenants/${f.id}`)).text);
    expect(champs).toMatchObject({ 'indisponibilites[0][debut]': '2027-07-01', 'indisponibilites[0][motif]': 'congés' });
    expect(champs['connaissances[0][missionLocaleCode]']).toBe(mlB.code);
    // Another field changed: the rows are kept as they were.
    const res = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(formBody({ ...champs, _csrf: csrf, capaciteHeuresMois: '20' }));
    expect(res.status).toBe(303);
    expect(await pool.store.getIntervenant(f.id)).toMatchObject({ capaciteHeuresMois: 20, indisponibilites: [periode], connaissances: [connue] });
    // « Ajouter une ligne »: the form again with an empty row, nothing saved; filled, the new period is saved.
    const avant = formulaireEdition((await agent.get(`/vivier/intervenants/${f.id}`)).text);
    const ajout = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(formBody({ ...avant, _csrf: csrf, 'indisponibilites[+]': '' }));
    expect(ajout.status).toBe(200);
    const avecLigne = formulaireEdition(ajout.text);
    const lignes = (f: Record<string, unknown>) => Object.keys(f).filter((k) => /^indisponibilites\[\d+\]\[debut\]$/.test(k)).length;
    expect(lignes(avecLigne)).toBe(lignes(avant) + 1);
    expect(await pool.store.getIntervenant(f.id)).toMatchObject({ indisponibilites: [periode] });
    const nouvelle = Object.keys(avecLigne).find((k) => /^indisponibilites\[\d+\]\[debut\]$/.test(k) && avecLigne[k] === '')!;
    const rang = /\[(\d+)\]/.exec(nouvelle)![1];
    const enregistre = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(
        formBody({
          ...avecLigne,
          _csrf: csrf,
          [`indisponibilites[${rang}][debut]`]: '2027-12-20',
          [`indisponibilites[${rang}][fin]`]: '2027-12-31',
        }),
      );
    expect(enregistre.status).toBe(303);
    expect((await pool.store.getIntervenant(f.id))?.indisponibilites).toEqual([periode, { debut: '2027-12-20', fin: '2027-12-31' }]);
  });

  it('shows French errors next to each field on bad input, with the values kept, and saves nothing', async () => {
    const f = await ajouter(consultant({ nom: 'Anne Erreurs' }));
    const { agent, csrf } = await connecte(charge.compte);
    const form = formulaireEdition((await agent.get(`/vivier/intervenants/${f.id}`)).text);
    const res = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(formBody({ ...form, _csrf: csrf, nom: '', email: 'pas-une-adresse', capaciteDossiers: '99', cabinet: '', expertises: [] }));
    expect(res.status).toBe(400);
    expect(lu(res.text)).toMatch(/Le formulaire contient \d+ erreurs/);
    expect(erreurDe(res.text, 'nom')).toBe('Ce champ est obligatoire.');
    expect(erreurDe(res.text, 'email')).toBe('adresse électronique invalide');
    expect(erreurDe(res.text, 'capaciteDossiers')).toBe('au plus 10 dossiers à la fois');
    expect(erreurDe(res.text, 'cabinet')).toBe('obligatoire pour un·e consultant·e : le nom de son cabinet');
    expect(erreurDe(res.text, 'expertises')).toBe('au moins une expertise');
    expect(champ(res.text, 'email')).toBe('pas-une-adresse');
    expect(champ(res.text, 'capaciteDossiers')).toBe('99');
    expect(res.text).toContain('aria-invalid="true"');

    // A home ML of another région, checked against the reference data as the API does.
    const ml = await agent
      .post(`/vivier/intervenants/${f.id}`)
      .type('form')
      .send(formBody({ ...form, _csrf: csrf, type: 'directeur_ml', missionLocaleCode: mlA.code }));
    expect(ml.status).toBe(400);
    expect(erreurDe(ml.text, 'missionLocaleCode')).toContain(`${mlA.nom} est en région`);
    expect(ml.text).toMatch(/<option value="directeur_ml" selected>/);

    const inchange = (await pool.store.getIntervenant(f.id))!;
    expect(inchange).toMatchObject({ nom: 'Anne Erreurs', email: f.email, capaciteDossiers: 3, type: 'consultant_cabinet' });
  });

  it('withdraws with a motif, shown in the history; an empty motif is refused on its field', async () => {
    const f = await ajouter(directeur({ nom: 'Luc Partant' }));
    const { agent, csrf } = await connecte(charge.compte);
    const vide = await agent.post(`/vivier/intervenants/${f.id}/retrait`).type('form').send({ _csrf: csrf, motif: '  ' });
    expect(vide.status).toBe(400);
    expect(erreurDe(vide.text, 'motif')).toContain('Ce champ est obligatoire');
    expect((await pool.store.getIntervenant(f.id))!.statut).toBe('valide');

    const res = await agent.post(`/vivier/intervenants/${f.id}/retrait`).type('form').send({ _csrf: csrf, motif: 'Ne souhaite plus intervenir' });
    expect(res.status).toBe(303);
    const page = await agent.get(res.headers.location!);
    const texte = lu(page.text);
    expect(texte).toContain('Intervenant retiré du vivier');
    expect(texte).toContain('Statut Retiré·e du vivier');
    expect(texte).toMatch(new RegExp(`Retrait du vivier — .* par ${charge.compte.nom} Motif : Ne souhaite plus intervenir`));
    // No second withdrawal is offered.
    expect(page.text).not.toContain(`action="/vivier/intervenants/${f.id}/retrait`);
  });

  it('adds an intervenant by hand, with errors on its fields first', async () => {
    const { agent, csrf } = await connecte(charge.compte);
    const page = await agent.get('/vivier/intervenants/nouveau');
    expect(page.status).toBe(200);
    expect(lu(page.text)).toContain('Prénom et nom (obligatoire)');
    const mauvais = await agent
      .post('/vivier/intervenants/nouveau')
      .type('form')
      .send(
        formBody({
          _csrf: csrf,
          type: 'directeur_ml',
          nom: 'Zoé Nouvelle',
          email: 'zoe@ml.fr',
          region: mlA.region,
          capaciteDossiers: '2',
          capaciteHeuresMois: '8',
        }),
      );
    expect(mauvais.status).toBe(400);
    expect(erreurDe(mauvais.text, 'missionLocaleCode')).toBe('obligatoire pour un·e directeur·rice de Mission Locale : sa Mission Locale');
    expect(erreurDe(mauvais.text, 'expertises')).toBeDefined();
    expect(champ(mauvais.text, 'nom')).toBe('Zoé Nouvelle');

    const bon = await agent
      .post('/vivier/intervenants/nouveau')
      .type('form')
      .send(
        formBody({
          _csrf: csrf,
          type: 'directeur_ml',
          nom: 'Zoé Nouvelle',
          email: 'zoe@ml.fr',
          region: mlA.region,
          missionLocaleCode: mlA.code,
          expertises: ['gouvernance'],
          capaciteDossiers: '2',
          capaciteHeuresMois: '8',
          actif: 'oui',
          connaissances: '[]',
          indisponibilites: '[]',
        }),
      );
    expect(bon.status).toBe(303);
    expect(bon.headers.location).toMatch(/^\/vivier\/intervenants\/INT-[A-Z0-9]+\?fait=cree$/);
    const fiche = lu((await agent.get(bon.headers.location!)).text);
    expect(fiche).toContain('Intervenant ajouté au vivier.');
    expect(fiche).toContain(`Entrée dans le vivier — `);
    expect(fiche).toContain(`par ${charge.compte.nom}`);
    expect(lu((await agent.get('/vivier?q=zoe')).text)).toContain('Zoé Nouvelle');
  });
});

describe('the Vivier: applications', () => {
  const candidature = (nom: string, email: string) => ({
    type: 'expert_reseau' as const,
    nom,
    email,
    region: mlB.region,
    expertises: ['partenariats' as const],
    capaciteDossiers: 1,
    capaciteHeuresMois: 8,
    connaissances: [],
    motivation: 'Vingt ans de partenariats territoriaux.',
  });

  it('validates one: it becomes an intervenant and leaves the pending list; refuses another with its motif', async () => {
    const { candidature: a } = await pool.store.deposerCandidature(candidature('Inès Validée', 'ines@reseau.fr'));
    const { candidature: b } = await pool.store.deposerCandidature(candidature('Bruno Refusé', 'bruno@reseau.fr'));
    const { agent, csrf } = await connecte(charge.compte);

    const liste = await agent.get('/vivier/candidatures');
    expect(liste.status).toBe(200);
    expect(liste.text).toContain(`<a href="/vivier/candidatures/${a.id}">Inès Validée</a>`);
    expect(liste.text).toContain(`<a href="/vivier/candidatures/${b.id}">Bruno Refusé</a>`);
    expect(liste.text).toContain('<a href="/vivier/candidatures" aria-current="page">En attente</a>');

    const detail = lu((await agent.get(`/vivier/candidatures/${a.id}`)).text);
    expect(detail).toContain('Motivation et expérience Vingt ans de partenariats territoriaux.');
    expect(detail).toContain('Candidature déposée');
    expect(detail).toContain('Valider : Inès Validée entre dans le vivier');

    const valide = await agent.post(`/vivier/candidatures/${a.id}/validation`).type('form').send({ _csrf: csrf });
    expect(valide.status).toBe(303);
    expect(valide.headers.location).toMatch(/^\/vivier\/intervenants\/INT-[A-Z0-9]+\?fait=valide$/);
    const fiche = lu((await agent.get(valide.headers.location!)).text);
    expect(fiche).toContain('Candidature validée : l’intervenant entre dans le vivier.');
    expect(fiche).toContain('Inès Validée');
    expect(fiche).toContain(`Candidature d’origine ${a.id}`);
    expect(lu((await agent.get('/vivier?q=ines')).text)).toContain('Inès Validée');
    expect(liberees.some((r) => r.includes(`candidature ${a.id} validée`))).toBe(true);

    // Deciding twice is refused, saying what was decided.
    const encore = await agent.post(`/vivier/candidatures/${a.id}/validation`).type('form').send({ _csrf: csrf });
    expect(encore.status).toBe(409);
    expect(lu(encore.text)).toContain('a déjà été validée');
    expect(lu(encore.text)).toContain(`par ${charge.compte.nom}`);
    expect(encore.text).not.toContain('Valider :');

    const sansMotif = await agent.post(`/vivier/candidatures/${b.id}/refus`).type('form').send({ _csrf: csrf, motif: '' });
    expect(sansMotif.status).toBe(400);
    expect(erreurDe(sansMotif.text, 'motif')).toContain('Ce champ est obligatoire');
    const refus = await agent.post(`/vivier/candidatures/${b.id}/refus`).type('form').send({ _csrf: csrf, motif: 'Profil hors du besoin actuel' });
    expect(refus.status).toBe(303);
    const apres = await agent.get(refus.headers.location!);
    expect(lu(apres.text)).toContain(`Candidature ${b.id} refusée`);
    expect(apres.text).not.toContain('Bruno Refusé');
    expect(apres.text).not.toContain('Inès Validée');
    const refusees = await agent.get('/vivier/candidatures?statut=refusee');
    expect(refusees.text).toContain('Bruno Refusé');
    const detailRefus = lu((await agent.get(`/vivier/candidatures/${b.id}`)).text);
    expect(detailRefus).toContain('Motif du refus Profil hors du besoin actuel');
    expect(detailRefus).toContain(`par ${charge.compte.nom}`);
  });

  it('shows a lecture account the applications without forms, and refuses its decisions', async () => {
    const { candidature: c } = await pool.store.deposerCandidature(candidature('Olga Lue', 'olga@reseau.fr'));
    const { agent, csrf } = await connecte(lecteur.compte);
    expect((await agent.get('/vivier/candidatures')).text).toContain('Olga Lue');
    const page = await agent.get(`/vivier/candidatures/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<form method="post" action="/vivier');
    for (const chemin of ['validation', 'refus']) {
      const res = await agent.post(`/vivier/candidatures/${c.id}/${chemin}`).type('form').send({ _csrf: csrf, motif: 'non' });
      expect(res.status).toBe(403);
      expect(lu(res.text)).toContain('Accès refusé');
    }
    expect((await pool.store.getCandidature(c.id))!.statut).toBe('en_attente');
    expect((await agent.get('/vivier/intervenants/nouveau')).status).toBe(403);
  });
});
