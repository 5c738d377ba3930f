// In a real headless Chromium (Debian's `chromium`, driven by playwright-core), on the real stack (dev server, worker,
// SMTP sink): UNML staff sign in through the emailed link and drive a new Compagnonnage in the back office, from "À
// traiter" to the designation and a hand-over, then sign out (issue #12); and a Compagnonnage goes from the
// intervenant's acceptance to the bilan through the personal links of its emails (acceptance, acte, visio slot, session
// logged and confirmed), its staff steps through the API with a personal token.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeSiChromium, lancerChromium } from './helpers/navigateur';
import type { Browser, Page } from 'playwright-core';
import { waitForActionLink } from './helpers/action-link-mails';
import { compteDeTest } from './helpers/acces';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { lienDeConnexion } from './helpers/connexion';
import { demandeApi } from './helpers/compagnonnage';
import { INTERLOCUTRICE, mlRouen } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE as INTERVENANT } from './helpers/pool';
import { isoToParisLocal } from '../domain/format';

const describeIfChromium = describeSiChromium('browser test');

let stack: ApiStack;
let server: Server;
let base: string;
let browser: Browser;

/** A free port, so that PUBLIC_URL (the links in emails) is known before the app listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function api(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const authorization = `Bearer ${stack.jetonAdmin}`;
  const res = await fetch(
    `${base}${path}`,
    body === undefined
      ? { headers: { authorization } }
      : { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) },
  );
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function succes(page: Page): Promise<string> {
  const box = page.locator('.succes');
  // On failure, say what the page shows instead (a refusal, a field's error).
  await box.waitFor({ timeout: 15_000 }).catch(async (err: unknown) => {
    throw new Error(`no success box on ${page.url()}: ${(await page.locator('main, body').first().textContent())?.trim()}`, { cause: err });
  });
  return (await box.textContent()) ?? '';
}

const DIRECTION = mlRouen().direction.email;
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describeIfChromium('staff in the back office and participants from their emails, in a real browser', () => {
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Session reminders 2 h ahead: a session planned 2 h and a few seconds ahead is reminded (with its link) at once.
    stack = await startApiStack({ PUBLIC_URL: base, COMPAGNONNAGE_REMINDERS: '2h' });
    await stack.ajouterIntervenant(INTERVENANT);
    // The app as anyone meets it: staff sign in, scripts send their token (api()), participants follow their links.
    server = createServer(stack.appSansCompte);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    browser = await lancerChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await stack?.stop();
  });

  it('signs staff in by the emailed link; they accept a new demand, designate from the ranking, hand over, sign out', async () => {
    const charge = await compteDeTest(stack.comptes, 'charge_mission');
    const collegue = await compteDeTest(stack.comptes, 'charge_mission');
    await stack.ajouterIntervenant({ id: 'DIR-NOR-BO', nom: 'Hélène Normand', email: 'direction@ml-caen.example.fr', type: 'directeur_ml', region: 'NOR' });
    const id = (await api('/api/demandes', demandeApi())).dossierId as string;
    const page = await browser.newPage({ locale: 'fr-FR' });
    const texte = async () => (await page.locator('main, body').first().textContent()) ?? '';

    // Without a session, the back office asks to sign in; the link comes by email, and its page signs in with a button.
    await page.goto(`${base}/staff?vue=a-traiter`);
    expect(await page.locator('h1').textContent()).toBe('Connexion à l’espace UNML');
    await page.getByLabel('Adresse e-mail professionnelle').fill(charge.compte.email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await page.waitForURL(/\/connexion/);
    const lien = await lienDeConnexion(stack.mails, charge.compte.email);
    expect(lien.startsWith(`${base}/connexion/lien?jeton=`)).toBe(true);
    await page.goto(lien);
    expect(await page.locator('h1').textContent()).toBe('Confirmer la connexion');
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((u) => u.pathname === '/staff');
    expect(await texte()).toContain(charge.compte.nom);

    // "À traiter": the new demand waits for UNML (the list reads the visibility store: it may take a moment).
    await page.getByRole('link', { name: 'À traiter' }).click();
    for (let i = 0; i < 40 && !(await page.getByRole('link', { name: id, exact: true }).count()); i++) {
      await new Promise((r) => setTimeout(r, 250));
      await page.reload();
    }
    await page.getByRole('link', { name: id, exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe(`Dossier ${id}`);

    // Accepted, with herself as interlocutrice, chosen in a list.
    const accepter = page.locator('#a-accepter');
    await accepter.getByLabel('Interlocutrice UNML').selectOption(charge.compte.id);
    await accepter.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await succes(page)).toContain('Action enregistrée : Accepter la demande');

    // The ranking: one of the ML's own région is refused with the rule's reason, even with a motif.
    expect(await texte()).toContain('Désignation : le classement du vivier');
    await page.getByText(/Candidats écartés par le classement/).click();
    const normande = page.locator('#c-DIR-NOR-BO');
    await normande.getByLabel(/Motif de la désignation manuelle/).fill('Elle connaît la structure');
    await normande.getByRole('button', { name: 'Désigner Hélène Normand quand même' }).click();
    const refus = page.locator('.alerte').first();
    await refus.waitFor();
    expect(await refus.textContent()).toMatch(/ne peut pas être désigné·e sur ce dossier : .*région/);

    // The first of the ranking, confirmed with its button: asked to accept.
    await page.getByRole('button', { name: `Confirmer ${INTERVENANT.nom}` }).click();
    expect(await succes(page)).toContain(`${INTERVENANT.nom} est désigné·e`);
    expect((await api(`/api/dossiers/${id}`)).etape).toBe('acceptation_intervenant');
    const designe = ((await api(`/api/dossiers/${id}`)).timeline as { evenement: string; compte?: string; source?: string }[]).find((e) =>
      e.evenement.startsWith('Intervenant désigné'),
    );
    expect(designe).toMatchObject({ compte: charge.compte.id, source: 'back_office' });

    // Handed over to a colleague.
    const passer = page.locator('#a-interlocutrice');
    await passer.getByLabel('Interlocutrice UNML').selectOption(collegue.compte.id);
    await passer.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await succes(page)).toContain('Action enregistrée');
    expect(await texte()).toContain(`${collegue.compte.nom} (${collegue.compte.email})`);

    // Signed out: the dossier's page is gone, the sign-in page stands in its place.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.goto(`${base}/staff/dossiers/${id}`);
    expect(await page.locator('h1').textContent()).toBe('Connexion à l’espace UNML');
    expect(await texte()).not.toContain(id);
    await page.close();
  }, 120_000);

  it('drives a Compagnonnage dossier from signature to the bilan visios through the links of its emails', async () => {
    const created = await api('/api/demandes', demandeApi());
    const id = created.dossierId as string;
    await api(`/api/dossiers/${id}/accepter`, { interlocutrice: INTERLOCUTRICE });
    await api(`/api/dossiers/${id}/candidats/${INTERVENANT.id}/confirmation`, {});

    const page = await browser.newPage({ locale: 'fr-FR' });

    // 0. The intervenant accepts the intervention from its email; then the acte goes to the ML.
    const designation = await waitForActionLink(stack.mails, { dossierId: id, kind: 'designation_a_accepter', to: INTERVENANT.email });
    expect(designation.startsWith(`${base}/agir/${id}/repondre-designation?jeton=`)).toBe(true);
    await page.goto(designation);
    expect(await page.locator('h1').textContent()).toBe('Accepter ou décliner l’intervention');
    await page.getByLabel('J’accepte cette intervention').check();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    expect(await succes(page)).toContain('étape « signature de l’acte d’engagement »');

    // 1. The ML signs the acte d'engagement from its email.
    const acte = await waitForActionLink(stack.mails, { dossierId: id, kind: 'acte_engagement_a_signer', to: DIRECTION });
    expect(acte.startsWith(`${base}/agir/${id}/signer-acte-engagement?jeton=`)).toBe(true);
    await page.goto(acte);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Signer l’acte d’engagement');
    // Submitting without ticking the commitment re-shows the form with the field's message.
    await page.getByLabel('Nom et fonction du ou de la signataire').fill('Claire Martin, directrice');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.locator('#e-engagement').waitFor();
    expect(await page.locator('#e-engagement').textContent()).toContain('Cochez cette case');
    await page.getByLabel(/je m’engage/i).check();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    expect(await succes(page)).toContain('étape « fiche de cadrage »');
    expect((await api(`/api/dossiers/${id}`)).etape).toBe('cadrage');
    // The link served once: it now says the act is signed, when and by whom.
    await page.goto(acte);
    expect(await succes(page)).toMatch(/Acte déjà signé le .* par Claire Martin, directrice\./);

    // 2. UNML frames and launches (API).
    await api(`/api/dossiers/${id}/fiche-cadrage`, { besoin: 'Prendre ses marques', objectifs: ['Structurer le comité de direction'] });
    // A few seconds ahead: it is recorded as held only once started (issue #17 §1).
    const lancement = new Date(Date.now() + 8_000);
    await api(`/api/dossiers/${id}/visio-lancement`, { debut: lancement.toISOString() });

    // 2b. The ML and the intervenant confirm the launch visio's slot from their invitations.
    const liensLancement: string[] = [];
    for (const to of [DIRECTION, INTERVENANT.email]) {
      const visio = await waitForActionLink(stack.mails, { dossierId: id, kind: 'invitation_visio', to });
      liensLancement.push(visio);
      await page.goto(visio);
      expect(await page.locator('h1').textContent()).toBe('Répondre à une invitation');
      expect(await page.locator('main, body').first().textContent()).toContain('La visio de lancement est prévue le');
      await page.getByLabel('Ce créneau me convient').check();
      await page.getByRole('button', { name: 'Envoyer' }).click();
      expect(await succes(page)).toContain('C’est enregistré.');
    }
    const reponses = (await api(`/api/dossiers/${id}`)).reponsesVisio as Record<string, Record<string, { confirme: boolean; par?: string }>>;
    expect(reponses.lancement).toMatchObject({ ml: { confirme: true, par: 'Claire Martin' }, intervenant: { confirme: true, par: 'Paul Le Gall' } });
    await new Promise((r) => setTimeout(r, Math.max(0, lancement.getTime() - Date.now() + 500)));
    await api(`/api/dossiers/${id}/visio-lancement/compte-rendu`, { compteRendu: 'Lancement fait.' });
    await api(`/api/dossiers/${id}/seances/planifier`, { debut: new Date(Date.now() + 2 * 3_600_000 + 5_000).toISOString(), dureeMinutes: 120 });

    // 3. The intervenant logs the session from the session email's link.
    const seance = await waitForActionLink(stack.mails, { dossierId: id, action: 'seance', to: INTERVENANT.email });
    await page.goto(seance);
    expect(await page.locator('h1').textContent()).toBe('Enregistrer une séance tenue');
    // The page proposes the planned slot (still to come): the intervenant gives the real one, just held.
    await page.getByLabel('Date et heure de la séance (heure de Paris)').fill(isoToParisLocal(new Date()));
    await page.getByLabel('Durée, en minutes').fill('90');
    await page.getByLabel('Résumé de la séance').fill('Diagnostic partagé des tensions managériales ; plan pour le CODIR.');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    expect(await succes(page)).toContain('étape « accompagnement »');
    const apresSeance = await api(`/api/dossiers/${id}`);
    const seances = (apresSeance.ficheSuivi as { seances: { dureeMinutes: number; resume: string; par?: string }[] }).seances;
    expect(seances).toHaveLength(1);
    expect(seances[0]).toMatchObject({ dureeMinutes: 90, par: 'Paul Le Gall' });

    // 3b. The ML confirms the session from the email asking it to.
    const confirmation = await waitForActionLink(stack.mails, { dossierId: id, kind: 'seance_a_confirmer', to: DIRECTION });
    await page.goto(confirmation);
    expect(await page.locator('h1').textContent()).toBe('Confirmer une séance');
    expect(await page.locator('body').textContent()).toContain('Diagnostic partagé des tensions managériales');
    await page.getByLabel('Je confirme cette séance').check();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    expect(await succes(page)).toContain('C’est enregistré.');
    const confirmee = (await api(`/api/dossiers/${id}`)).ficheSuivi as { seances: { statut: string; confirmation?: { par?: string } }[] };
    expect(confirmee.seances[0]).toMatchObject({ statut: 'confirmee', confirmation: { par: 'Claire Martin' } });

    // 4. UNML ends the accompagnement and plans the bilan visios, one after the other (the fiche bilan follows them
    // once held: too long for this walk-through; test/compagnonnage.workflow.test.ts skips time through it).
    await api(`/api/dossiers/${id}/fin-accompagnement`, {});
    for (const [n, visio] of ['bilan_ml', 'bilan_intervenant', 'bilan_collectif'].entries()) {
      await api(`/api/dossiers/${id}/visios-bilan`, { visio, debut: inHours(24 + 2 * n) });
    }
    const bilan = await waitForActionLink(stack.mails, { dossierId: id, kind: 'invitation_visio', to: DIRECTION, except: liensLancement });
    await page.goto(bilan);
    expect(await page.locator('h1').textContent()).toBe('Répondre à une invitation');
    expect(await page.locator('main, body').first().textContent()).toMatch(/La visio bilan .* est prévue le/);
    expect((await api(`/api/dossiers/${id}`)).etape).toBe('bilan');
    await page.close();
  }, 120_000);
});
