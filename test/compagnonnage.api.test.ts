// Compagnonnage through the API, as UNML's staff scripts drive it (issue #17): a real Temporal dev server, the real
// worker (emails to a local SMTP sink). Real time: the visio de lancement is planned seconds ahead.
import request from 'supertest';
import { dateHeureLongueFr, isoToParisLocal } from '../domain/format';
import { waitForActionLink, waitForMail } from './helpers/action-link-mails';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi as demande } from './helpers/compagnonnage';
import { INTERLOCUTRICE, mlRouen } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE as INTERVENANT } from './helpers/pool';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';
import { until } from './helpers/temporal';

let stack: ApiStack;
const { call, seen } = responseRecorder();
const DIRECTION = mlRouen().direction.email;

beforeAll(async () => {
  stack = await startApiStack();
  await stack.ajouterIntervenant(INTERVENANT);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('Compagnonnage through the API (issue #17)', () => {
  let id: string;
  const post = (action: string, body: object) => call(request(stack.app).post(`/api/dossiers/${id}/${action}`).send(body));
  async function expectOk(action: string, body: object): Promise<request.Response> {
    const res = await post(action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text}`);
    return res;
  }
  const dossier = async () => (await call(request(stack.app).get(`/api/dossiers/${id}`))).body;

  it('UNML is told when the acte d’engagement is signed and when the fiche de cadrage is filed', async () => {
    const created = await call(request(stack.app).post('/api/demandes').send(demande()));
    expect(created.status).toBe(201);
    id = created.body.dossierId;
    await expectOk('accepter', { interlocutrice: INTERLOCUTRICE });
    expect((await call(request(stack.app).post(`/api/dossiers/${id}/candidats/${INTERVENANT.id}/confirmation`).send({}))).status).toBe(200);
    await waitForActionLink(stack.mails, { dossierId: id, kind: 'designation_a_accepter', to: INTERVENANT.email });
    await expectOk('intervenant/reponse', { accepte: true, intervenantId: INTERVENANT.id });
    await waitForMail(stack.mails, { dossierId: id, kind: 'acte_engagement_a_signer', to: DIRECTION });
    await expectOk('signer-acte-engagement', { signataire: 'Claire Martin' });
    await waitForMail(stack.mails, { dossierId: id, kind: 'acte_engagement_signe', to: INTERLOCUTRICE.email, text: 'signataire : Claire Martin' });
    await expectOk('fiche-cadrage', { besoin: 'Prendre ses marques', objectifs: ['Structurer le CODIR'] });
    await waitForMail(stack.mails, { dossierId: id, kind: 'fiche_cadrage_deposee', to: INTERLOCUTRICE.email, text: 'Structurer le CODIR' });
  });

  it('records the visio de lancement as held only from its start (409 before, with the date and time)', async () => {
    const debut = new Date(Date.now() + 4_000).toISOString();
    await expectOk('visio-lancement', { debut });
    const tot = await post('visio-lancement/compte-rendu', { compteRendu: 'Trop tôt' });
    expect(tot.status).toBe(409);
    expect(JSON.stringify(tot.body)).toMatch(/La visio de lancement commence le .* à \d{1,2} h \d{2}/);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(debut) - Date.now()) + 200));
    expect((await expectOk('visio-lancement/compte-rendu', { compteRendu: 'Objectifs partagés' })).body.etape).toBe('accompagnement');
  });

  it('shows UNML as who planned a session through the API, not the intervenant', async () => {
    const debut = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await expectOk('seances/planifier', { debut, dureeMinutes: 120, par: 'unml.sbernard' });
    expect(res.body.timeline.at(-1)).toMatchObject({ acteur: 'unml (unml.sbernard)', source: 'api', evenement: 'Séance planifiée' });
    // Another session in the same slot, for the same people: refused, naming the session it overlaps.
    const chevauche = await post('seances/planifier', { debut: new Date(Date.parse(debut) + 30 * 60_000).toISOString(), dureeMinutes: 60 });
    expect(chevauche.status).toBe(409);
    expect(JSON.stringify(chevauche.body)).toContain('chevauche « Séance de Compagnonnage');
  });

  it('opens, from a session reminder’s link, the page to record that session, prefilled from the agenda', async () => {
    const prevue = (await dossier()).agenda['seance-1'];
    const jeton = await stack.actionLinks.sign({ dossierId: id, action: 'seance', email: INTERVENANT.email, role: 'intervenant', objet: 'seance-1' });
    const page = await request(stack.app).get(`/agir/${id}/seance?jeton=${jeton}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Enregistrer une séance tenue');
    expect(page.text).toContain(`Séance prévue le ${dateHeureLongueFr(prevue.debut)}, d’une durée de 2 h`);
    expect(page.text).toContain(`value="${isoToParisLocal(new Date(prevue.debut))}"`);
    expect(page.text).toContain('Revenez sur cette page une fois la séance tenue');
  });

  it('refuses a session dated before the dossier existed', async () => {
    const creeLe = (await dossier()).creeLe as string;
    const avant = new Date(Date.parse(creeLe) - 16 * 86_400_000).toISOString();
    const res = await post('seances', { date: avant, dureeMinutes: 120, resume: 'Avant le dossier' });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain('précède la création du dossier');
  });

  it('takes a confirmation from the other side only: the API says which side confirms', async () => {
    await expectOk('seances', { date: new Date(Date.now() - 1_000).toISOString(), dureeMinutes: 120, resume: 'Tour d’horizon', par: 'Paul Le Gall' });
    const sansRole = await post('seances/confirmer', { numero: 1, confirme: true });
    expect(sansRole.status).toBe(400);
    const memeCote = await post('seances/confirmer', { numero: 1, confirme: true, role: 'intervenant' });
    expect(memeCote.status).toBe(409);
    expect(JSON.stringify(memeCote.body)).toContain(
      "La séance 1 a été enregistrée par l'intervenant : c'est la Mission Locale qui la confirme ou la conteste.",
    );
    const ok = await expectOk('seances/confirmer', { numero: 1, confirme: true, role: 'ml', par: 'Claire Martin' });
    expect(ok.body.ficheSuivi.seances[0]).toMatchObject({ statut: 'confirmee', confirmation: { confirme: true, par: 'Claire Martin' } });
  });

  it('UNML is told when the accompaniment is ended', async () => {
    await expectOk('fin-accompagnement', { motif: 'Objectifs atteints' });
    await waitForMail(stack.mails, { dossierId: id, kind: 'accompagnement_termine', to: INTERLOCUTRICE.email, text: 'Planifier les visios bilan' });
    await until('the dossier at the bilan', dossier, (d) => d.etape === 'bilan');
  });

  it('never sent a stack trace', () => expectNoStackTrace(seen, 10));
});
