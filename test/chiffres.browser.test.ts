// The network's figures in a real headless Chromium (Debian's `chromium`, driven by playwright-core, skipped like
// test/browser.test.ts when it is absent, never in CI): the printable yearly report renders its three server-side SVG
// charts visible (a real bounding box) with no content security policy violation, and prints on one A4 page; the
// back office's page works on a phone without JavaScript (labelled fields, a GET form). The app runs without Temporal
// (the figures read only the reporting store, filled with `enregistrer`, and the pool).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { describeSiChromium, lancerChromium } from './helpers/navigateur';
import type { Browser } from 'playwright-core';
import { createApp } from '../api/app';
import { parseConfig } from '../config';
import { SqlComptesStore } from '../db/comptes';
import { SqlReportingStore } from '../db/reporting';
import { avecJeton, compteDeTest } from './helpers/acces';
import { remplirStore } from './helpers/chiffres-annee';
import { createTestStore, type TestStore } from './helpers/db';

const describeIfChromium = describeSiChromium('figures browser test');

/** A Temporal client whose every call fails at once: the figures never call it. */
const injoignable: unknown = new Proxy(function () {}, {
  get: (_t, p) => (p === 'then' ? (_ok: unknown, echec: (e: Error) => void) => echec(new Error('14 UNAVAILABLE: Temporal injoignable (test)')) : injoignable),
  apply: () => injoignable,
});

/** What the tests read of the page's window (the project's TypeScript has no DOM library). */
interface Fenetre {
  getComputedStyle(e: unknown): { fontSize: string };
  document: { documentElement: { scrollWidth: number } };
}

let pool: TestStore;
let server: Server;
let base: string;
let browser: Browser;

describeIfChromium('the network’s figures in a real browser', () => {
  beforeAll(async () => {
    pool = await createTestStore('sqlite');
    const comptes = new SqlComptesStore(pool.db);
    await remplirStore(new SqlReportingStore(pool.db));
    const { jeton } = await compteDeTest(comptes, 'lecture');
    const app = createApp({
      client: injoignable as Client,
      config: parseConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'test-session-secret-0123456789abcdef0123' }),
      logger: pino({ level: 'silent' }),
      vivier: pool.store,
      comptes,
    });
    // The browser as a signed-in `lecture` account: each of its requests carries the token.
    server = createServer(avecJeton(app, jeton));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await lancerChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await pool?.cleanup();
  });

  it('renders the yearly report with its charts visible, no CSP violation, and prints it on one A4 page', async () => {
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1024, height: 900 } });
    const erreurs: string[] = [];
    page.on('console', (m) => {
      // (The browser asks for /favicon.ico, which the app does not serve.)
      if ((m.type() === 'error' || /Content Security Policy/i.test(m.text())) && !m.location().url.endsWith('/favicon.ico')) erreurs.push(m.text());
    });
    page.on('pageerror', (e) => erreurs.push(e.message));
    const res = await page.goto(`${base}/chiffres/rapport?annee=2026`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Le réseau en chiffres 2026');
    expect(await page.locator('.chiffres-cles li').first().textContent()).toBe('9 jours de cabinets de conseil mobilisés');

    const graphiques = page.getByRole('img');
    expect(await graphiques.count()).toBe(3);
    for (const nom of ['Dossiers par dispositif et par issue', 'Jours mobilisés par type d’intervenant·e et par dispositif', 'Demandes déposées par mois']) {
      const svg = page.getByRole('img', { name: nom });
      await expect(svg.isVisible()).resolves.toBe(true);
      const box = await svg.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.width).toBeGreaterThan(250);
      expect(box!.height).toBeGreaterThan(80);
    }
    // The bars are drawn: the first chart's paths have a real size, its labels are laid out in the browser's fonts.
    const barres = await page
      .locator('svg[aria-labelledby="graphique-dossiers"] path[fill="#003b80"]')
      .evaluateAll((els) => els.map((e) => (e as unknown as { getBBox(): { height: number } }).getBBox().height));
    expect(barres.filter((h) => h > 10).length).toBeGreaterThanOrEqual(3);
    const libelle = await page.locator('svg[aria-labelledby="graphique-jours"] text', { hasText: 'Expert·es du réseau' }).boundingBox();
    expect(libelle!.width).toBeGreaterThan(20);
    // The presentation attributes hold where the style attributes were: the axis labels are 12 px Arial, not the default.
    const police = await page
      .locator('svg[aria-labelledby="graphique-mois"] text', { hasText: 'janv.' })
      .evaluate((e) => (globalThis as unknown as Fenetre).getComputedStyle(e).fontSize);
    expect(police).toBe('12px');
    expect(erreurs).toEqual([]);

    // Printed: no navigation, the charts still visible, one A4 page.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header nav').isVisible()).resolves.toBe(false);
    for (const id of ['graphique-dossiers', 'graphique-jours', 'graphique-mois']) {
      const box = await page.locator(`svg[aria-labelledby="${id}"]`).boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(60);
    }
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
    await page.close();
  });

  it('has the figures’ page work on a phone without JavaScript: labelled fields, a GET form, errors under the fields', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${base}/chiffres`);
    await page.getByRole('link', { name: 'Chiffres' }).click();
    await page.getByLabel('Année').fill('2026');
    await page.getByLabel('Région').selectOption('GES');
    await page.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await page.waitForURL((u) => u.searchParams.get('annee') === '2026' && u.searchParams.get('region') === 'GES');
    expect(await page.locator('main h2').first().textContent()).toBe('Le réseau en chiffres 2026 — Grand Est');
    expect(await page.locator('.chiffres-cles li').nth(2).textContent()).toBe(
      '3 membres du réseau qui s’investissent dans les dispositifs (diagnostic et accompagnement)',
    );
    // Nothing wider than the phone: the tables scroll in their own box.
    expect(await page.evaluate(() => (globalThis as unknown as Fenetre).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // A wrong period: the error under its field, announced with it.
    await page.getByLabel('Année').fill('');
    await page.getByLabel('Du').fill('2026-06-30');
    await page.getByLabel('Au').fill('2026-01-01');
    await page.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await page.waitForURL((u) => u.searchParams.get('du') === '2026-06-30');
    expect(await page.locator('#e-au').textContent()).toBe('La fin de la période précède son début.');
    expect(await page.getByLabel('Au').getAttribute('aria-invalid')).toBe('true');
    // The report's link keeps the filters.
    await page.getByLabel('Au').fill('2026-12-31');
    await page.getByRole('button', { name: 'Afficher les chiffres' }).click();
    await page.getByRole('link', { name: 'Rapport imprimable' }).click();
    expect(await page.locator('h1').textContent()).toBe('Le réseau en chiffres du 30 juin 2026 au 31 décembre 2026');
    expect(await page.getByRole('img').count()).toBe(3);
    await context.close();
  });
});
