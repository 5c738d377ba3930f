// In a real headless Chromium (Debian's `chromium`, driven by playwright-core): a Compagnonnage dossier goes
// from the intervenant's acceptance to the bilan through the personal links of its emails (acceptance, acte,
// visio slot, session logged and confirmed, evaluation). The links come out of the
// emails the SMTP sink captured (real dev server, real worker); staff steps go through the API.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitForActionLink } from './helpers/action-link-mails';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi } from './helpers/compagnonnage';
import { INTERLOCUTRICE, mlRouen } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE as INTERVENANT } from './helpers/pool';
import { isoToParisLocal } from '../domain/format';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// In CI the browser must be there (.ci/run installs it): never skip silently there.
const describeIfChromium = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

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
  const res = await fetch(
    `${base}${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
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

describeIfChromium('participants act from their emails, in a real browser', () => {
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Session reminders 2 h ahead: a session planned 2 h and a few seconds ahead is reminded (with its link) at once.
    stack = await startApiStack({ PUBLIC_URL: base, COMPAGNONNAGE_REMINDERS: '2h' });
    await stack.ajouterIntervenant(INTERVENANT);
    server = createServer(stack.app);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await stack?.stop();
  });

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
