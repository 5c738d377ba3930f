// The pages of personal action links, end to end: a real Temporal dev server, a real worker (emails through a
// real SMTP sink carry the links), and the express app driven with supertest.
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { ActionLinks } from '../activities/action-links';
import { parseMails, waitForActionLink, waitForMail } from './helpers/action-link-mails';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { CABINET, demandeApi as demandeAppuiConseil } from './helpers/appui-conseil';
import { demandeApi as demande } from './helpers/compagnonnage';
import { INTERLOCUTRICE, mlRouen } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE as INTERVENANT } from './helpers/pool';
import { until } from './helpers/temporal';

let stack: ApiStack;
let app: Express;

const DIRECTION = mlRouen().direction.email;

/** A dossier waiting for the ML's signature; returns its id and the link of the acte email. */
async function dossierAActeEngagement(): Promise<{ id: string; lien: URL }> {
  const created = await request(app).post('/api/demandes').send(demande());
  expect(created.status).toBe(201);
  const id = created.body.dossierId as string;
  expect((await request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE })).status).toBe(200);
  expect((await request(app).post(`/api/dossiers/${id}/candidats/${INTERVENANT.id}/confirmation`).send({})).status).toBe(200);
  // The intervenant accepts from the link of its email; then the acte goes to the ML.
  const designation = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'designation_a_accepter', to: INTERVENANT.email }));
  expect(
    (
      await request(app)
        .post(designation.pathname)
        .type('form')
        .send({ jeton: designation.searchParams.get('jeton')!, reponse: 'accepte' })
    ).status,
  ).toBe(200);
  const lien = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'acte_engagement_a_signer', to: DIRECTION }));
  return { id, lien };
}
const pathOf = (u: URL) => `${u.pathname}${u.search}`;

beforeAll(async () => {
  stack = await startApiStack();
  app = stack.app;
  await stack.ajouterIntervenant(INTERVENANT);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe('action link pages', () => {
  it('the acte email carries a personal link to the direction only; the présidence in copy gets none', async () => {
    const { id, lien } = await dossierAActeEngagement();
    expect(lien.pathname).toBe(`/agir/${id}/signer-acte-engagement`);
    const mails = (await parseMails(stack.mails())).filter((m) => m.kind === 'acte_engagement_a_signer' && m.subject.includes(id));
    expect(mails.find((m) => m.to.includes('presidence@ml-rouen.fr'))?.links).toEqual([]);
  });

  it('shows the form, re-shows it with field errors, records the signature once, then says the link is used', async () => {
    const { id, lien } = await dossierAActeEngagement();
    const jeton = lien.searchParams.get('jeton')!;
    const page = await request(app).get(pathOf(lien));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('Signer l’acte d’engagement');
    expect(page.text).toContain(id);
    expect(page.text).toMatch(/<label for="f-signataire">/);
    expect(page.text).toContain('value="Claire Martin"'); // the holder, found in the dossier by the hash of their email

    const invalid = await request(app).post(lien.pathname).type('form').send({ jeton, signataire: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('Ce champ est obligatoire.');
    expect(invalid.text).toContain('Cochez cette case');
    expect(invalid.text).toContain('aria-invalid="true"');

    const ok = await request(app).post(lien.pathname).type('form').send({ jeton, signataire: 'Claire Martin, directrice', engagement: 'oui' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('C’est enregistré.');
    expect(ok.text).toContain('Claire Martin, directrice');
    const dossier = await request(app).get(`/api/dossiers/${id}`);
    expect(dossier.body.etape).toBe('cadrage');
    expect(dossier.body.acteEngagement.signataire).toBe('Claire Martin, directrice');
    expect(JSON.stringify(dossier.body.timeline)).toContain('Claire Martin');

    // Done: the page says so, by whom and when, instead of the form.
    const again = await request(app).get(pathOf(lien));
    expect(again.status).toBe(200);
    expect(again.text).toMatch(/Acte déjà signé le \S+ \d+(er)? \S+ \d{4} à \d{2} h \d{2} par Claire Martin, directrice\./);
    expect(again.text).not.toContain('<form');
    const replay = await request(app).post(lien.pathname).type('form').send({ jeton, signataire: 'Autre', engagement: 'oui' });
    expect(replay.text).toContain('Acte déjà signé le');
    expect((await request(app).get(`/api/dossiers/${id}`)).body.acteEngagement.signataire).toBe('Claire Martin, directrice');
  });

  it('refuses a link used for another action or dossier, or tampered with', async () => {
    const { id, lien } = await dossierAActeEngagement();
    const jeton = lien.searchParams.get('jeton')!;
    expect((await request(app).get(`/agir/${id}/evaluation?jeton=${jeton}`)).status).toBe(403);
    expect((await request(app).get(`/agir/CMP-0000000000/signer-acte-engagement?jeton=${jeton}`)).status).toBe(403);
    const tampered = await request(app).get(`${lien.pathname}?jeton=${jeton.slice(0, -3)}xyz`);
    expect(tampered.status).toBe(403);
    expect(tampered.text).toContain('Ce lien n’est pas valide');
    expect((await request(app).get(`/agir/${id}/inconnue?jeton=${jeton}`)).status).toBe(404);
  });

  it('answers a refused action on the page, with the reason (409)', async () => {
    const { id } = await dossierAActeEngagement();
    // A session link while the dossier is not in accompagnement: the workflow refuses.
    const jeton = await stack.actionLinks.sign({ dossierId: id, action: 'seance', email: INTERVENANT.email, role: 'intervenant' });
    const res = await request(app)
      .post(`/agir/${id}/seance`)
      .type('form')
      .send({ jeton, date: '2026-01-05T10:00', dureeMinutes: '120', resume: 'Premier échange.' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Action impossible pour le moment');
    expect(res.text).toContain('Enregistrer une séance n&#x27;est pas possible');
  });

  it('says an act is already signed on its expired link, and offers no fresh link for it', async () => {
    // An Appui Conseil dossier (no intervenant of the pool needed): the acte signed through the API.
    const id = (await request(app).post('/api/demandes').send(demandeAppuiConseil())).body.dossierId as string;
    const post = (action: string, body: object) => request(app).post(`/api/dossiers/${id}/${action}`).send(body);
    expect((await post('prise-de-contact', { besoin: 'Redresser la trésorerie.', interlocutrice: INTERLOCUTRICE })).status).toBe(200);
    expect((await post('cabinet', { cabinet: CABINET })).status).toBe(200);
    expect((await post('signer-acte-engagement', { signataire: 'Claire Martin' })).status).toBe(200);
    const expiredLinks = new ActionLinks({ secret: stack.config.ACTION_LINK_SECRET!, ttlMs: 1, publicUrl: stack.config.PUBLIC_URL });
    const jeton = await expiredLinks.sign({
      dossierId: id,
      action: 'signer-acte-engagement',
      email: DIRECTION,
      role: 'ml',
      now: new Date(Date.now() - 60_000),
    });
    const page = await request(app).get(`/agir/${id}/signer-acte-engagement?jeton=${jeton}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Acte déjà signé le');
    expect(page.text).not.toContain('M’envoyer un nouveau lien');
    const asked = await request(app).post(`/agir/${id}/signer-acte-engagement/nouveau-lien`).type('form').send({ jeton });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Acte déjà signé le');
    await new Promise((r) => setTimeout(r, 500));
    expect((await parseMails(stack.mails())).filter((m) => m.kind === 'nouveau_lien' && m.subject.includes(id))).toEqual([]);
  });

  it('offers a fresh link for an expired one, and emails it to the same person', async () => {
    const { id } = await dossierAActeEngagement();
    const expiredLinks = new ActionLinks({ secret: stack.config.ACTION_LINK_SECRET!, ttlMs: 1, publicUrl: stack.config.PUBLIC_URL });
    const jeton = await expiredLinks.sign({
      dossierId: id,
      action: 'signer-acte-engagement',
      email: DIRECTION,
      role: 'ml',
      now: new Date(Date.now() - 60_000),
    });
    const page = await request(app).get(`/agir/${id}/signer-acte-engagement?jeton=${jeton}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('M’envoyer un nouveau lien');
    const asked = await request(app).post(`/agir/${id}/signer-acte-engagement/nouveau-lien`).type('form').send({ jeton });
    expect(asked.status).toBe(202);
    expect((await request(app).post(`/agir/${id}/signer-acte-engagement/nouveau-lien`).type('form').send({ jeton })).status).toBe(202);
    const fresh = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'nouveau_lien', to: DIRECTION }));
    expect((await request(app).get(pathOf(fresh))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    // One email only for the two clicks.
    await until(
      'one nouveau_lien email',
      async () => (await parseMails(stack.mails())).filter((m) => m.kind === 'nouveau_lien' && m.subject.includes(id)).length,
      (n) => n === 1,
    );
  });
});

const formulaire = (overrides: Record<string, string | string[]> = {}) => ({
  requestId: randomUUID(),
  mlNom: 'Mission Locale du Havre',
  region: 'NOR',
  directionNom: 'Claire Martin',
  directionEmail: 'direction@ml-lehavre.fr',
  presidenceNom: 'Jean Dupont',
  presidenceEmail: 'presidence@ml-lehavre.fr',
  casMobilisation: 'meconnaissance_reseau',
  sujets: ['organisation_management', 'offre_de_service'],
  description: 'Direction arrivée il y a deux mois, qui ne connaît pas encore le réseau.',
  ...overrides,
});

describe('public demand forms', () => {
  it('shows each dispositif’s mobilisation cases and what it does not cover, with labelled fields', async () => {
    const cmp = await request(app).get('/demande/compagnonnage');
    expect(cmp.status).toBe(200);
    expect(cmp.text).toContain('Direction récemment arrivée, méconnaissance du réseau');
    expect(cmp.text).toContain('Ce que le Compagnonnage ne couvre pas');
    expect(cmp.text).toContain('Problématique financière');
    expect(cmp.text).toMatch(/<input type="hidden" name="requestId" value="[0-9a-f-]{36}">/);
    expect(cmp.text).toMatch(/<label for="f-mlNom">/);
    const apc = await request(app).get('/demande/appui-conseil');
    expect(apc.text).toContain('Situation financière épineuse');
    expect(apc.text).toContain('Amélioration continue');
    expect((await request(app).get('/demande/inconnu')).status).toBe(404);
  });

  it('re-shows the form with field messages when invalid', async () => {
    const res = await request(app)
      .post('/demande/compagnonnage')
      .type('form')
      .send(formulaire({ directionEmail: 'pas-une-adresse', sujets: [], casMobilisation: '' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Indiquez une adresse électronique valide');
    expect(res.text).toContain('Choisissez au moins un sujet.');
    expect(res.text).toContain('value="Mission Locale du Havre"'); // what was typed is kept
  });

  it('answers an out-of-scope demand at once, with the reason and the dispositif to ask instead, and records nothing', async () => {
    const res = await request(app)
      .post('/demande/compagnonnage')
      .type('form')
      .send(formulaire({ sujets: ['problematique_financiere'] }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Cette demande ne relève pas du Compagnonnage');
    expect(res.text).toContain('Appui Conseil');
    expect(res.text).toContain('href="/demande/appui-conseil"');
    const apc = await request(app)
      .post('/demande/appui-conseil')
      .type('form')
      .send(formulaire({ casMobilisation: 'situation_financiere', sujets: ['amelioration_continue'] }));
    expect(apc.status).toBe(422);
    expect(apc.text).toContain('href="/demande/compagnonnage"');
  });

  it('creates one dossier for a double submission and gives its reference; the ML gets the acknowledgement', async () => {
    const body = formulaire();
    const first = await request(app).post('/demande/compagnonnage').type('form').send(body);
    expect(first.status).toBe(201);
    const ref = /Référence de votre dossier : <strong>(CMP-[0-9A-F]{10})<\/strong>/.exec(first.text)?.[1];
    expect(ref).toBeDefined();
    const second = await request(app).post('/demande/compagnonnage').type('form').send(body);
    expect(second.status).toBe(200);
    expect(second.text).toContain(ref!);
    expect(second.text).toContain('déjà été reçue');
    const dossier = await request(app).get(`/api/dossiers/${ref!}`);
    expect(dossier.body.demande.missionLocale).toEqual({ code: 'ML-MISSION-LOCALE-DU-HAVRE', nom: 'Mission Locale du Havre', region: 'NOR' });
    await waitForMail(stack.mails, { dossierId: ref!, kind: 'accuse_reception' });
  });
});

describe('staff view and captured emails', () => {
  it('lists dossiers with their step and next deadline, filterable, with links to JSON and the Temporal UI', async () => {
    const { id } = await dossierAActeEngagement();
    const res = await until('the dossier in the staff view', async () => {
      const r = await request(app).get('/staff').query({ vue: 'tous', dispositif: 'compagnonnage', region: 'NOR', etape: 'acte_engagement' });
      return r.text.includes(id) ? r : undefined;
    });
    expect(res.status).toBe(200);
    // The row comes from search attributes: the ML's code (a test code, not in the reference data), who it waits for.
    const code = ((await request(app).get(`/api/dossiers/${id}`)).body as { demande: { missionLocale: { code: string } } }).demande.missionLocale.code;
    expect(res.text).toContain(code);
    expect(res.text).toContain('acte d’engagement');
    expect(res.text).toContain('<strong>la Mission Locale</strong>');
    expect(res.text).toContain(`href="/api/dossiers/${id}"`);
    expect(res.text).toContain(`href="http://localhost:8233/namespaces/default/workflows/${id}"`);
    const other = await request(app).get('/staff').query({ vue: 'tous', etape: 'cloture' });
    expect(other.text).not.toContain(id);
    expect((await request(app).get('/staff').query({ vue: 'tous', region: 'XXX' })).text).toContain('Filtre inconnu');
  });

  it('lists the captured emails and shows one with its action link and its HTML sandboxed', async () => {
    const { id } = await dossierAActeEngagement();
    const list = await request(app).get('/dev/mail');
    expect(list.status).toBe(200);
    // The direction's email (the présidence's copy has no link).
    const href = new RegExp(`href="(/dev/mail/[^"]+)">Acte d’engagement à signer[^<]*${id}\\)</a></td><td>[^<]*direction@ml-rouen.fr`).exec(list.text)?.[1];
    expect(href).toBeDefined();
    const one = await request(app).get(href!);
    expect(one.status).toBe(200);
    // Handlebars escapes "=" in attributes.
    expect(one.text.replace(/&#x3D;/g, '=')).toContain(`<a href="http://localhost:3000/agir/${id}/signer-acte-engagement?jeton=`);
    expect(one.text).toMatch(/<iframe title="Contenu du courriel" sandbox="[^"]*" srcdoc="&lt;!DOCTYPE html&gt;/);
    expect(one.text).not.toMatch(/sandbox="[^"]*allow-scripts/);
    expect((await request(app).get('/dev/mail/..%2Fsecret.eml')).status).toBe(404);
  });
});

describe('Appui Conseil links', () => {
  it('the ML signs from its email; each consultant gets a personal link to the rapport de diagnostic page, which records it', async () => {
    const created = await request(app).post('/api/demandes').send(demandeAppuiConseil());
    expect(created.status).toBe(201);
    const id = created.body.dossierId as string;
    const cabinet = {
      nom: 'Cabinet Conseil Horizon',
      contact: { nom: 'Marc Petit', email: 'marc.petit@horizon-conseil.fr' },
      consultants: [{ nom: 'Inès Roy', email: 'ines.roy@horizon-conseil.fr' }],
    };
    const post = (action: string, body: object) => request(app).post(`/api/dossiers/${id}/${action}`).send(body);
    expect((await post('prise-de-contact', { besoin: 'Redresser la trésorerie.', interlocutrice: INTERLOCUTRICE })).status).toBe(200);
    expect((await post('cabinet', { cabinet })).status).toBe(200);

    const acte = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'acte_engagement_a_signer', to: DIRECTION }));
    const jeton = acte.searchParams.get('jeton')!;
    const signed = await request(app).post(acte.pathname).type('form').send({ jeton, signataire: 'Claire Martin', engagement: 'oui' });
    expect(signed.status).toBe(200);
    expect(signed.text).toContain('étape « visio de lancement »');

    const pourInes = await waitForActionLink(stack.mails, { dossierId: id, kind: 'cabinet_mobilise', to: 'ines.roy@horizon-conseil.fr' });
    const pourMarc = await waitForActionLink(stack.mails, { dossierId: id, kind: 'cabinet_mobilise', to: 'marc.petit@horizon-conseil.fr' });
    expect(pourInes).not.toBe(pourMarc);
    // The visio is recorded as held once it has begun (in two seconds).
    const debutVisio = new Date(Date.now() + 2_000).toISOString();
    expect((await post('visio-lancement', { debut: debutVisio })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(Date.parse(debutVisio) - Date.now(), 0) + 200));
    expect((await post('visio-lancement/compte-rendu', {})).status).toBe(200);
    const lien = new URL(pourInes);
    expect((await request(app).get(pathOf(lien))).text).toContain('Déposer le rapport de diagnostic flash');
    const res = await request(app)
      .post(lien.pathname)
      .type('form')
      .send({ jeton: lien.searchParams.get('jeton')!, constats: 'Trésorerie à 2 mois.', conclusions: 'Plan de redressement à bâtir.' });
    expect(res.status).toBe(200);
    const dossier = (await request(app).get(`/api/dossiers/${id}`)).body;
    expect(dossier.rapportDiagnostic).toMatchObject({ constats: 'Trésorerie à 2 mois.', conclusions: 'Plan de redressement à bâtir.' });
    expect(JSON.stringify(dossier.timeline)).toContain('Inès Roy');

    // The ML gets the report with a link to comment on it; the cabinet receives the comment.
    const commenter = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'rapport_diagnostic_depose', to: DIRECTION }));
    const page = await request(app).get(pathOf(commenter));
    expect(page.text).toContain('Commenter le rapport de diagnostic');
    expect(page.text).toContain('Trésorerie à 2 mois.');
    const vide = await request(app)
      .post(commenter.pathname)
      .type('form')
      .send({ jeton: commenter.searchParams.get('jeton')!, commentaire: ' ' });
    expect(vide.status).toBe(400);
    const commente = await request(app)
      .post(commenter.pathname)
      .type('form')
      .send({ jeton: commenter.searchParams.get('jeton')!, commentaire: 'La gouvernance est sous-estimée.' });
    expect(commente.status).toBe(200);
    const apres = (await request(app).get(`/api/dossiers/${id}`)).body;
    expect(apres.rapportDiagnostic.commentaires).toEqual([expect.objectContaining({ commentaire: 'La gouvernance est sous-estimée.', par: 'Claire Martin' })]);
    const recu = await waitForMail(stack.mails, { dossierId: id, kind: 'commentaire_rapport', to: 'marc.petit@horizon-conseil.fr' });
    expect(recu.text).toContain('La gouvernance est sous-estimée.');
  });
});

describe('completing a demand from its email', () => {
  it('the ML completes a demand sent back as incomplete, and it goes back to UNML', async () => {
    const created = await request(app).post('/api/demandes').send(demande());
    const id = created.body.dossierId as string;
    expect(
      (await request(app).post(`/api/dossiers/${id}/demander-complements`).send({ aCompleter: 'Précisez le contexte de l’arrivée de la direction.' })).status,
    ).toBe(200);
    const lien = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'demande_incomplete', to: DIRECTION }));
    const page = await request(app).get(pathOf(lien));
    expect(page.text).toContain('Précisez le contexte de l’arrivée de la direction.');
    const res = await request(app)
      .post(lien.pathname)
      .type('form')
      .send({ jeton: lien.searchParams.get('jeton')!, description: 'Départ impromptu du directeur en juin ; équipe de 40 personnes.' });
    expect(res.status).toBe(200);
    const dossier = (await request(app).get(`/api/dossiers/${id}`)).body;
    expect(dossier.etape).toBe('qualification');
    expect(dossier.demande.description).toBe('Départ impromptu du directeur en juin ; équipe de 40 personnes.');
  });
});

describe('answering a designation, a session and a visio from the email links', () => {
  it('the intervenant declines with a reason (required), the dossier goes back to designation; another person cannot answer', async () => {
    const created = await request(app).post('/api/demandes').send(demande());
    const id = created.body.dossierId as string;
    expect((await request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE })).status).toBe(200);
    expect((await request(app).post(`/api/dossiers/${id}/candidats/${INTERVENANT.id}/confirmation`).send({})).status).toBe(200);
    const lien = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'designation_a_accepter', to: INTERVENANT.email }));
    expect(lien.pathname).toBe(`/agir/${id}/repondre-designation`);
    const jeton = lien.searchParams.get('jeton')!;
    const page = await request(app).get(pathOf(lien));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Accepter ou décliner l’intervention');
    expect(page.text).toContain('J’accepte cette intervention');

    // Someone else's link (the ML's direction, say) is refused by the workflow.
    const autre = await stack.actionLinks.sign({ dossierId: id, action: 'repondre-designation', email: DIRECTION, role: 'intervenant' });
    const refused = await request(app).post(lien.pathname).type('form').send({ jeton: autre, reponse: 'accepte' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Seul l&#x27;intervenant désigné (Paul Le Gall)');

    const sansMotif = await request(app).post(lien.pathname).type('form').send({ jeton, reponse: 'decline' });
    expect(sansMotif.status).toBe(400);
    expect(sansMotif.text).toContain('Indiquez la raison pour laquelle vous déclinez.');
    const ok = await request(app).post(lien.pathname).type('form').send({ jeton, reponse: 'decline', motif: 'Indisponible ce trimestre' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Intervention déclinée');
    expect(ok.text).toContain('étape « désignation de l’intervenant »');
    const dossier = (await request(app).get(`/api/dossiers/${id}`)).body;
    expect(dossier.etape).toBe('designation_intervenant');
    expect(dossier.intervenant).toBeUndefined();
    expect(JSON.stringify(dossier.timeline)).toContain('Indisponible ce trimestre');
    await waitForMail(stack.mails, { dossierId: id, kind: 'designation_declinee', to: INTERLOCUTRICE.email });
  });

  describe('a participant proposes another visio slot; the ML contests a session logged by the intervenant', () => {
    let id: string;
    const post = (action: string, body: object) => request(app).post(`/api/dossiers/${id}/${action}`).send(body);

    it('the ML proposes another slot for the launch visio (a date is required); UNML is told, its own copy has no link', async () => {
      const dossier = await dossierAActeEngagement();
      id = dossier.id;
      const acte = dossier.lien;
      expect(
        (
          await request(app)
            .post(acte.pathname)
            .type('form')
            .send({ jeton: acte.searchParams.get('jeton')!, signataire: 'Claire Martin', engagement: 'oui' })
        ).status,
      ).toBe(200);
      expect((await post('fiche-cadrage', { besoin: 'Prendre ses marques', objectifs: ['Structurer le CODIR'] })).status).toBe(200);
      const debut = new Date(Date.now() + 3 * 86_400_000).toISOString();
      expect((await post('visio-lancement', { debut })).status).toBe(200);

      const visio = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'invitation_visio', to: DIRECTION }));
      expect(visio.pathname).toBe(`/agir/${id}/repondre-visio`);
      const jetonVisio = visio.searchParams.get('jeton')!;
      const page = await request(app).get(pathOf(visio));
      expect(page.text).toContain('La visio de lancement est prévue le');
      const sansDate = await request(app).post(visio.pathname).type('form').send({ jeton: jetonVisio, reponse: 'autre' });
      expect(sansDate.status).toBe(400);
      expect(sansDate.text).toContain('Indiquez la date et l’heure que vous proposez.');
      const propose = await request(app)
        .post(visio.pathname)
        .type('form')
        .send({ jeton: jetonVisio, reponse: 'autre', proposition: '2099-03-10T14:30', commentaire: 'CA ce jour-là' });
      expect(propose.status).toBe(200);
      const apres = (await request(app).get(`/api/dossiers/${id}`)).body;
      expect(apres.reponsesVisio.lancement.ml).toMatchObject({
        confirme: false,
        proposition: '2099-03-10T14:30:00+01:00',
        commentaire: 'CA ce jour-là',
        par: 'Claire Martin',
      });
      await waitForMail(stack.mails, { dossierId: id, kind: 'visio_autre_creneau', to: INTERLOCUTRICE.email });
      // UNML's own copy of the invitation carries no link.
      const invitations = (await parseMails(stack.mails())).filter((m) => m.kind === 'invitation_visio' && m.subject.includes(id));
      expect(invitations.find((m) => m.to.includes(INTERLOCUTRICE.email))?.links).toEqual([]);
    });

    it('the ML contests a session the intervenant logged (a comment is required); UNML is told', async () => {
      // The visio de lancement is held from its start only: moved to a few seconds from now, then recorded.
      const lancement = new Date(Date.now() + 2_000).toISOString();
      expect((await post('visio-lancement', { debut: lancement })).status).toBe(200);
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(lancement) - Date.now()) + 200));
      expect((await post('visio-lancement/compte-rendu', {})).status).toBe(200);
      expect(
        (
          await post('seances', {
            date: new Date(Date.now() - 1_000).toISOString(), // held, and within the dossier (created seconds ago)
            dureeMinutes: 120,
            resume: 'Tour d’horizon des tensions.',
            par: 'Paul Le Gall',
          })
        ).status,
      ).toBe(200);
      const seance = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'seance_a_confirmer', to: DIRECTION }));
      expect(seance.pathname).toBe(`/agir/${id}/confirmer-seance`);
      const jetonSeance = seance.searchParams.get('jeton')!;
      const pageSeance = await request(app).get(pathOf(seance));
      expect(pageSeance.text).toContain('Tour d’horizon des tensions.');
      expect(pageSeance.text).toContain('durée : 2 h');
      const sansCommentaire = await request(app).post(seance.pathname).type('form').send({ jeton: jetonSeance, reponse: 'conteste' });
      expect(sansCommentaire.status).toBe(400);
      expect(sansCommentaire.text).toContain('Expliquez ce qui ne va pas dans cette séance.');
      const contestee = await request(app)
        .post(seance.pathname)
        .type('form')
        .send({ jeton: jetonSeance, reponse: 'conteste', commentaire: 'Elle a duré une heure.' });
      expect(contestee.status).toBe(200);
      const fin = (await request(app).get(`/api/dossiers/${id}`)).body;
      expect(fin.ficheSuivi.seances[0]).toMatchObject({
        numero: 1,
        statut: 'contestee',
        confirmation: { confirme: false, commentaire: 'Elle a duré une heure.', par: 'Claire Martin' },
      });
      await waitForMail(stack.mails, { dossierId: id, kind: 'seance_contestee' });
    });
  });
});

describe('Appui Conseil: a network member answers its mobilisation from the email link', () => {
  it('accepts from the page; the member is recorded as having accepted', async () => {
    const created = await request(app).post('/api/demandes').send(demandeAppuiConseil());
    const id = created.body.dossierId as string;
    expect(
      (await request(app).post(`/api/dossiers/${id}/prise-de-contact`).send({ besoin: 'Redresser la trésorerie.', interlocutrice: INTERLOCUTRICE })).status,
    ).toBe(200);
    // The member from the pool's ranking (api/candidats), reserved by the dossier, then asked to accept.
    expect((await request(app).post(`/api/dossiers/${id}/candidats/${INTERVENANT.id}/confirmation`).send({})).status).toBe(200);
    const lien = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'designation_a_accepter', to: INTERVENANT.email }));
    const page = await request(app).get(pathOf(lien));
    expect(page.status).toBe(200);
    expect(page.text).toContain('en tant que membre du réseau');
    const ok = await request(app)
      .post(lien.pathname)
      .type('form')
      .send({ jeton: lien.searchParams.get('jeton')!, reponse: 'accepte' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Intervention acceptée');
    expect((await request(app).get(`/api/dossiers/${id}`)).body.membresAcceptes).toEqual([INTERVENANT.id]);
  });
});

describe('Appui Conseil: invited people answer a visio invitation from their email link', () => {
  it('each invited person answers the launch visio from their own link: the ML confirms, a consultant proposes another slot (UNML told)', async () => {
    const CONSULTANTE = CABINET.consultants[0]!;
    const created = await request(app).post('/api/demandes').send(demandeAppuiConseil());
    const id = created.body.dossierId as string;
    const post = (action: string, body: object) => request(app).post(`/api/dossiers/${id}/${action}`).send(body);
    expect((await post('prise-de-contact', { besoin: 'Redresser la trésorerie.', interlocutrice: INTERLOCUTRICE })).status).toBe(200);
    expect((await post('cabinet', { cabinet: CABINET })).status).toBe(200);
    expect((await post('signer-acte-engagement', { signataire: 'Claire Martin' })).status).toBe(200);
    expect((await post('visio-lancement', { debut: new Date(Date.now() + 3 * 86_400_000).toISOString() })).status).toBe(200);

    const lienMl = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'invitation_visio', to: DIRECTION }));
    expect(lienMl.pathname).toBe(`/agir/${id}/repondre-visio`);
    const page = await request(app).get(pathOf(lienMl));
    expect(page.status).toBe(200);
    expect(page.text).toContain('La visio de lancement est prévue le');
    expect(page.text).toContain('Cabinet Équilibres');
    const confirme = await request(app)
      .post(lienMl.pathname)
      .type('form')
      .send({ jeton: lienMl.searchParams.get('jeton')!, reponse: 'confirme' });
    expect(confirme.status).toBe(200);
    expect(confirme.text).toContain('Créneau confirmé');

    const lienConsultante = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'invitation_visio', to: CONSULTANTE.email }));
    const jeton = lienConsultante.searchParams.get('jeton')!;
    const sansDate = await request(app).post(lienConsultante.pathname).type('form').send({ jeton, reponse: 'autre' });
    expect(sansDate.status).toBe(400);
    expect(sansDate.text).toContain('Indiquez la date et l’heure que vous proposez.');
    const propose = await request(app)
      .post(lienConsultante.pathname)
      .type('form')
      .send({ jeton, reponse: 'autre', proposition: '2099-03-10T14:30', commentaire: 'Séminaire ce jour-là' });
    expect(propose.status).toBe(200);
    const dossier = (await request(app).get(`/api/dossiers/${id}`)).body;
    expect(dossier.reponsesVisio.lancement[DIRECTION]).toMatchObject({ role: 'ml', nom: 'Claire Martin', confirme: true, par: 'Claire Martin' });
    expect(dossier.reponsesVisio.lancement[CONSULTANTE.email]).toMatchObject({
      role: 'cabinet',
      nom: 'Léa Roux',
      confirme: false,
      proposition: '2099-03-10T14:30:00+01:00',
      commentaire: 'Séminaire ce jour-là',
    });
    await waitForMail(stack.mails, { dossierId: id, kind: 'visio_autre_creneau', to: INTERLOCUTRICE.email });
    // Answered: the consultant's link says when and what, not the form again.
    const deja = (await request(app).get(pathOf(lienConsultante))).text;
    expect(deja).toContain('Vous avez déjà répondu le');
    expect(deja).toContain('vous avez proposé un autre créneau : le mardi 10 mars 2099 à 14 h 30');
  });
});
