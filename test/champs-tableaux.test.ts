// Arrays of objects in the back office's action forms (issue #12; api/pages/staff/champs-zod.ts): one labelled
// fieldset per item with the item's sub-fields (`objectifs[0][objectif]`, nested `actions[0][jalons][1][libelle]`),
// one empty row, an « Ajouter une ligne » button that brings the form back with one more row and every value kept (no
// JavaScript), empty rows dropped on submit, zod's errors on each sub-field. Then one post of a fiche bilan on the real
// app, over a Temporal stub that records the update it is sent and answers a Compagnonnage's state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../api/app';
import { appuiConseilActionSchemas } from '../api/dossiers/appui-conseil/schemas';
import { compagnonnageActionSchemas } from '../api/dossiers/compagnonnage/schemas';
import type { Champ } from '../api/pages/render';
import { templateFile } from '../api/pages/render';
import { ajoutDeLigne, champsDuFormulaire, champsDuSchema, erreursParChamp, lireFormulaire } from '../api/pages/staff/champs-zod';
import { parseConfig } from '../config';
import { SqlComptesStore } from '../db/comptes';
import { CompagnonnageDossier } from '../workflows/compagnonnage/dossier';
import { avecJeton, compteDeTest } from './helpers/acces';
import { input as inputCompagnonnage } from './helpers/compagnonnage';
import { createTestStore, type TestStore } from './helpers/db';

const formTpl = templateFile<{ champs: Champ[]; action: string; ancre: string; resume: string; chemin: string; csrf: string; bouton: string }>(
  join(__dirname, '../api/pages/staff'),
  'formulaire-action.hbs',
);
const html = (champs: Champ[]) => formTpl({ champs, action: '/x', ancre: 'a-x', resume: 'Test', chemin: 'x', csrf: 'c', bouton: 'Enregistrer' });

describe('building the fields of an array of objects', () => {
  it('gives the items’ sub-fields, nested objects flattened and nested arrays of objects kept as arrays', () => {
    const bilan = champsDuSchema(compagnonnageActionSchemas.ficheBilan);
    const objectifs = bilan.find((c) => c.nom === 'objectifs')!;
    expect(objectifs).toMatchObject({ genre: 'objets', libelle: 'Objectifs', requis: true });
    expect(objectifs.elements!.map((e) => [e.nom, e.genre, e.requis])).toEqual([
      ['objectif', 'long', true],
      ['atteint', 'booleen', false],
      ['commentaire', 'long', false],
    ]);
    const plan = champsDuSchema(appuiConseilActionSchemas.planAction).find((c) => c.nom === 'actions')!;
    expect(plan.genre).toBe('objets');
    expect(plan.elements!.map((e) => [e.nom, e.genre])).toEqual([
      ['intitule', 'long'],
      ['responsable.nom', 'texte'],
      ['responsable.email', 'email'],
      ['responsable.telephone', 'texte'],
      ['jalons', 'objets'],
    ]);
    expect(plan.elements!.find((e) => e.nom === 'jalons')!.elements!.map((e) => [e.nom, e.genre])).toEqual([
      ['libelle', 'long'],
      ['date', 'datetime'],
    ]);
  });

  it('renders one labelled fieldset per row, an empty row and the add button, without any JSON textarea', () => {
    const champs = champsDuSchema(compagnonnageActionSchemas.ficheBilan);
    const vierge = champsDuFormulaire(champs, {}, {}, 'p__');
    const objectifs = vierge.find((c) => c.nom === 'p__objectifs')!;
    expect(objectifs).toMatchObject({ type: 'groupe', ajouter: { nom: 'p__objectifs[+]', libelle: 'Ajouter une ligne' } });
    expect(objectifs.lignes!.map((l) => [l.legende, l.champs.map((c) => c.nom)])).toEqual([
      ['Objectifs : ligne 1 (nouvelle)', ['p__objectifs[0][objectif]', 'p__objectifs[0][atteint]', 'p__objectifs[0][commentaire]']],
    ]);
    const page = html(vierge);
    expect(page).not.toContain('Au format JSON');
    expect(page).toContain('<legend>Objectifs <span class="requis">(obligatoire)</span></legend>');
    expect(page).toContain('<legend>Objectifs : ligne 1 (nouvelle)</legend>');
    expect(page).toMatch(/<label for="f-p__objectifs\[0\]\[objectif\]">Objectif/);
    expect(page).toContain('<input type="checkbox" id="f-p__objectifs[0][atteint]" name="p__objectifs[0][atteint]" value="oui"');
    expect(page).toContain(
      '<button type="submit" class="secondaire" name="p__objectifs[+]" value="1" aria-label="Ajouter une ligne : Objectifs">Ajouter une ligne</button>',
    );
    expect(page.indexOf('Ajouter une ligne')).toBeLessThan(page.lastIndexOf('>Enregistrer</button>'));
  });

  it('« Ajouter une ligne »: one more row, every value kept (nested rows too); pressed again, one more', () => {
    const champs = champsDuSchema(appuiConseilActionSchemas.planAction);
    const poste = {
      par: 'Sophie',
      'actions[0][intitule]': 'Former les conseillers',
      'actions[0][responsable][nom]': 'Karim Haddad',
      'actions[0][jalons][0][libelle]': 'Première session',
      'actions[0][jalons][0][date]': '2027-01-15T09:00',
      'actions[0][jalons][1][libelle]': '',
      'actions[0][jalons][1][date]': '',
      'actions[1][intitule]': '',
      'actions[1][jalons][0][libelle]': '',
      'actions[0][jalons][+]': '1',
    };
    expect(ajoutDeLigne(poste)).toBe(true);
    const rendu = champsDuFormulaire(champs, poste, {}, '');
    const actions = rendu.find((c) => c.nom === 'actions')!;
    expect(actions.lignes).toHaveLength(2); // as posted: another array's button was pressed
    const jalons = actions.lignes![0]!.champs.find((c) => c.nom === 'actions[0][jalons]')!;
    expect(jalons.lignes!.map((l) => l.champs.map((c) => [c.nom, c.valeur]))).toEqual([
      [
        ['actions[0][jalons][0][libelle]', 'Première session'],
        ['actions[0][jalons][0][date]', '2027-01-15T09:00'],
      ],
      [
        ['actions[0][jalons][1][libelle]', ''],
        ['actions[0][jalons][1][date]', ''],
      ],
      [
        ['actions[0][jalons][2][libelle]', ''],
        ['actions[0][jalons][2][date]', ''],
      ],
    ]);
    expect(actions.lignes![0]!.champs.find((c) => c.nom === 'actions[0][responsable][nom]')?.valeur).toBe('Karim Haddad');
    expect(rendu.find((c) => c.nom === 'par')?.valeur).toBe('Sophie');
    // The page posted back with its own names, the top array's button pressed: one more action.
    const sansBouton = Object.fromEntries(Object.entries(poste).filter(([k]) => !k.endsWith('[+]')));
    const encore = champsDuFormulaire(champs, { ...sansBouton, 'actions[+]': '1' }, {}, '');
    expect(encore.find((c) => c.nom === 'actions')!.lignes).toHaveLength(3);
    expect(ajoutDeLigne({ 'actions[0][intitule]': 'x' })).toBe(false);
  });

  it('reads the rows into the input: empty rows dropped, the others renumbered, each sub-field typed', () => {
    const champs = champsDuSchema(appuiConseilActionSchemas.planAction);
    const { input, erreurs } = lireFormulaire(champs, {
      par: 'Sophie',
      'actions[0][intitule]': '  ',
      'actions[0][jalons][0][libelle]': '',
      'actions[3][intitule]': 'Former les conseillers',
      'actions[3][responsable][nom]': 'Karim Haddad',
      'actions[3][responsable][email]': 'karim@ml.test',
      'actions[3][jalons][0][libelle]': '',
      'actions[3][jalons][1][libelle]': 'Première session',
      'actions[3][jalons][1][date]': '2027-01-15T09:00',
      'actions[10][intitule]': 'Suivre',
      'actions[x][intitule]': 'ignoré',
    });
    expect(erreurs).toEqual({});
    expect(input).toEqual({
      par: 'Sophie',
      actions: [
        {
          intitule: 'Former les conseillers',
          responsable: { nom: 'Karim Haddad', email: 'karim@ml.test' },
          jalons: [{ libelle: 'Première session', date: '2027-01-15T09:00:00+01:00' }],
        },
        { intitule: 'Suivre', jalons: [] }, // required, none filled
      ],
    });
    const bilan = lireFormulaire(champsDuSchema(compagnonnageActionSchemas.ficheBilan), {
      'objectifs[0][objectif]': 'Stabiliser la direction',
      'objectifs[0][atteint]': 'oui',
      'objectifs[1][objectif]': 'Recruter',
      'objectifs[2][objectif]': '',
      'objectifs[2][commentaire]': '',
    });
    expect(bilan.input.objectifs).toEqual([
      { objectif: 'Stabiliser la direction', atteint: true },
      { objectif: 'Recruter', atteint: false },
    ]);
    // Nothing filled: an empty array (zod then says how many rows it needs).
    expect(lireFormulaire(champsDuSchema(compagnonnageActionSchemas.ficheBilan), { 'objectifs[0][objectif]': '' }).input.objectifs).toEqual([]);
  });

  it('puts zod’s errors on each sub-field of the row they concern, as the page shows it again', () => {
    const schema = appuiConseilActionSchemas.planAction;
    const champs = champsDuSchema(schema);
    const poste = {
      par: 'Sophie',
      'actions[0][intitule]': 'Former',
      'actions[0][responsable][nom]': 'Karim',
      'actions[0][responsable][email]': 'karim@ml.test',
      'actions[1][intitule]': '',
      'actions[2][intitule]': 'Suivre',
      'actions[2][responsable][nom]': 'Léa',
      'actions[2][responsable][email]': 'pas-une-adresse',
      'actions[2][jalons][0][libelle]': 'Sans date',
    };
    const lu = lireFormulaire(champs, poste);
    const parsed = schema.safeParse(lu.input);
    expect(parsed.success).toBe(false);
    const { erreurs, autres } = erreursParChamp(champs, parsed.error!.issues, lu.input);
    expect(autres).toEqual([]);
    expect(Object.keys(erreurs).sort()).toEqual(['actions.1.jalons.0.date', 'actions.1.responsable.email']);
    expect(erreurs['actions.1.jalons.0.date']).toBe('Ce champ est obligatoire.');
    // Shown again: the filled rows renumbered (the empty one dropped), each error next to its sub-field.
    const rendu = champsDuFormulaire(champs, poste, erreurs, '');
    const lignes = rendu.find((c) => c.nom === 'actions')!.lignes!;
    expect(lignes.map((l) => l.legende)).toEqual(['Actions : ligne 1', 'Actions : ligne 2', 'Actions : ligne 3 (nouvelle)']);
    const email = lignes[1]!.champs.find((c) => c.nom === 'actions[1][responsable][email]')!;
    expect(email).toMatchObject({ valeur: 'pas-une-adresse', erreur: expect.any(String) });
    const date = lignes[1]!.champs.find((c) => c.nom === 'actions[1][jalons]')!.lignes![0]!.champs.find((c) => c.nom === 'actions[1][jalons][0][date]')!;
    expect(date.erreur).toBe('Ce champ est obligatoire.');
    expect(html(rendu)).toContain('id="e-actions[1][responsable][email]"');
    // An error of the whole array (none filled) goes to the array.
    const vide = lireFormulaire(champsDuSchema(compagnonnageActionSchemas.ficheBilan), { par: 'S', recommandations: 'R', pointsDeVigilance: 'P' });
    const sans = compagnonnageActionSchemas.ficheBilan.safeParse(vide.input);
    expect(erreursParChamp(champsDuSchema(compagnonnageActionSchemas.ficheBilan), sans.error!.issues, vide.input).erreurs).toEqual({
      objectifs: 'Remplissez au moins une ligne.',
    });
  });
});

describe('a record of answers (an evaluation)', () => {
  it('shows rows of a question and its answer, reads them into an object, and puts each error on its row', () => {
    const schema = compagnonnageActionSchemas.evaluation;
    const champs = champsDuSchema(schema);
    const reponses = champs.find((c) => c.nom === 'reponses')!;
    expect(reponses).toMatchObject({ genre: 'objets', paires: true, libelle: 'Réponses' });
    expect(reponses.elements!.map((e) => [e.nom, e.libelle, e.genre])).toEqual([
      ['question', 'Question', 'texte'],
      ['reponse', 'Réponse', 'long'],
    ]);
    const rendu = champsDuFormulaire(champs, {}, {}, '');
    expect(rendu.find((c) => c.nom === 'reponses')!.lignes![0]!.champs.map((c) => c.nom)).toEqual(['reponses[0][question]', 'reponses[0][reponse]']);

    const poste = {
      par: 'Sophie',
      repondant: 'ml',
      nom: 'Mission Locale de Rouen',
      'reponses[0][question]': 'Satisfaction',
      'reponses[0][reponse]': 'Très bonne',
      'reponses[1][question]': '',
      'reponses[1][reponse]': '',
      'reponses[2][question]': 'Suites',
      'reponses[2][reponse]': '',
      'reponses[3][question]': '',
      'reponses[3][reponse]': 'Sans question',
      'reponses[4][question]': 'Satisfaction',
      'reponses[4][reponse]': 'Encore',
    };
    const lu = lireFormulaire(champs, poste);
    expect(lu.input.reponses).toEqual({ Satisfaction: 'Très bonne', Suites: undefined });
    expect(lu.erreurs).toEqual({ 'reponses.2.question': 'Ce champ est obligatoire.', 'reponses.3.question': 'Cette question figure déjà plus haut.' });
    const parsed = schema.safeParse(lu.input);
    const { erreurs } = erreursParChamp(champs, parsed.error!.issues, lu.input, lu.erreurs);
    expect(erreurs['reponses.1.reponse']).toBe('Ce champ est obligatoire.');
    const lignes = champsDuFormulaire(champs, poste, erreurs, '').find((c) => c.nom === 'reponses')!.lignes!;
    expect(lignes.map((l) => l.champs.map((c) => [c.valeur, c.erreur]))).toEqual([
      [
        ['Satisfaction', undefined],
        ['Très bonne', undefined],
      ],
      [
        ['Suites', undefined],
        ['', 'Ce champ est obligatoire.'],
      ],
      [
        ['', 'Ce champ est obligatoire.'],
        ['Sans question', undefined],
      ],
      [
        ['Satisfaction', 'Cette question figure déjà plus haut.'],
        ['Encore', undefined],
      ],
      [
        ['', undefined],
        ['', undefined],
      ],
    ]);
    expect(
      lireFormulaire(champs, {
        ...poste,
        'reponses[2][reponse]': 'Un point mensuel',
        'reponses[3][question]': 'constructor',
        'reponses[4][question]': 'Encore',
      }).input.reponses,
    ).toEqual({
      Satisfaction: 'Très bonne',
      Suites: 'Un point mensuel',
      constructor: 'Sans question',
      Encore: 'Encore',
    });
  });
});

describe('posting an action with an array of objects from the dossier page', () => {
  const ID = 'CMP-0123456789';
  const envoyes: { update: string; input: Record<string, unknown> }[] = [];
  let pool: TestStore;
  let dir: string;
  let app: Express;

  beforeAll(async () => {
    const dossier = new CompagnonnageDossier(inputCompagnonnage(ID), '2026-12-01T09:00:00.000Z');
    const etat = { ...dossier.state, etape: 'bilan' };
    const temporal = {
      workflow: {
        getHandle: (workflowId: string) => ({
          workflowId,
          // The state for the page; no pool need at the bilan step (the designation block stays away).
          query: (q: { name?: string }) => Promise.resolve(q?.name === 'getBesoinVivier' ? undefined : etat),
          executeUpdate: (update: { name: string }, { args }: { args: [Record<string, unknown>, unknown] }) => {
            envoyes.push({ update: update.name, input: args[0] });
            return Promise.resolve(etat);
          },
        }),
      },
    };
    pool = await createTestStore('sqlite');
    const comptes = new SqlComptesStore(pool.db);
    dir = mkdtempSync(join(tmpdir(), 'champs-tableaux-'));
    const brute = createApp({
      client: temporal as unknown as Client,
      config: parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir, SESSION_SECRET: 'test-session-secret-0123456789abcdef0123' }),
      logger: pino({ level: 'silent' }),
      vivier: pool.store,
      comptes,
      envoyerLienConnexion: () => Promise.resolve(),
    });
    app = avecJeton(brute, (await compteDeTest(comptes, 'charge_mission')).jeton);
  });
  afterAll(async () => {
    await pool?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const n = (k: string) => `a-fiche-bilan__${k}`;
  const base = {
    _action: 'fiche-bilan',
    [n('recommandations')]: 'Continuer les points mensuels',
    [n('pointsDeVigilance')]: 'Le budget',
    [n('objectifs[0][objectif]')]: 'Stabiliser la direction',
    [n('objectifs[0][atteint]')]: 'oui',
    [n('objectifs[1][objectif]')]: '',
  };

  it('adds a row without sending anything, then sends the filled rows only', async () => {
    const page = await request(app).get(`/staff/dossiers/${ID}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="${n('objectifs[0][objectif]')}"`);
    expect(page.text).toContain(`name="${n('objectifs[+]')}"`);
    // Enter in a field submits the form's first button: the (hidden) save button comes before « Ajouter une ligne ».
    const boutons = [...page.text.matchAll(/<button type="submit"[^>]*>([^<]*)<\/button>/g)].map((m) => m[0]);
    const defaut = boutons.findIndex((b) => b.includes('class="bouton-defaut"'));
    expect(defaut).toBeGreaterThan(-1);
    expect(boutons.findIndex((b) => b.includes(n('objectifs[+]')))).toBeGreaterThan(defaut);

    const ajout = await request(app)
      .post(`/staff/dossiers/${ID}/action`)
      .type('form')
      .send({ ...base, [n('objectifs[+]')]: '1' });
    expect(ajout.status).toBe(200);
    expect(envoyes).toEqual([]);
    expect(ajout.text).toContain('>Stabiliser la direction</textarea>');
    expect(ajout.text).toContain('>Continuer les points mensuels</textarea>');
    expect(ajout.text).toContain(`name="${n('objectifs[2][objectif]')}"`);
    expect(ajout.text).not.toContain(`name="${n('objectifs[3][objectif]')}"`);

    const erreur = await request(app)
      .post(`/staff/dossiers/${ID}/action`)
      .type('form')
      .send({ ...base, [n('objectifs[1][atteint]')]: 'oui' });
    expect(erreur.status).toBe(400);
    expect(erreur.text).toContain(`id="e-${n('objectifs[1][objectif]')}"`);
    expect(envoyes).toEqual([]);

    const envoi = await request(app)
      .post(`/staff/dossiers/${ID}/action`)
      .type('form')
      .send({ ...base, [n('objectifs[2][objectif]')]: 'Recruter un directeur adjoint' });
    expect(envoi.status).toBe(303);
    expect(envoyes).toHaveLength(1);
    expect(envoyes[0]!.input).toMatchObject({
      objectifs: [
        { objectif: 'Stabiliser la direction', atteint: true },
        { objectif: 'Recruter un directeur adjoint', atteint: false },
      ],
      recommandations: 'Continuer les points mensuels',
    });
  });
});
