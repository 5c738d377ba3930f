// Personal action links: signed, bound to one dossier, one person and one action, with an expiry.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { createActivities } from '../activities';
import { ActionLinks, personHash, resolveActionLinkSecret } from '../activities/action-links';

const links = new ActionLinks({ secret: 'unit-test-secret-0123456789abcdef0123456789', ttlMs: 60 * 60_000, publicUrl: 'https://dispositifs.example/' });
const base = { dossierId: 'CMP-0123456789', action: 'signer-acte-engagement' as const, email: 'Direction@ML-Rouen.fr', role: 'ml' as const };
const expected = { dossierId: base.dossierId, action: base.action };

describe('action links', () => {
  it('verifies a genuine link, naming dossier, action, person (hashed) and role', async () => {
    const token = await links.sign(base);
    const v = await links.verify(token, expected);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.claims).toMatchObject({
      dossierId: 'CMP-0123456789',
      action: 'signer-acte-engagement',
      role: 'ml',
      personne: personHash('direction@ml-rouen.fr'),
    });
    expect(v.claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    // No plain personal data in the token nor in the URL.
    const payload = Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8');
    expect(payload).not.toMatch(/rouen|direction|@/i);
    const url = links.url(base.dossierId, base.action, token);
    expect(url).toBe(`https://dispositifs.example/agir/CMP-0123456789/signer-acte-engagement?jeton=${token}`);
  });

  it('refuses a tampered token (payload or signature changed)', async () => {
    const token = await links.sign(base);
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, dos: 'CMP-FFFFFFFFFF' })).toString('base64url')}.${s}`;
    expect(await links.verify(forged, { ...expected, dossierId: 'CMP-FFFFFFFFFF' })).toEqual({ ok: false, raison: 'invalide' });
    const badSig = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await links.verify(badSig, expected)).toEqual({ ok: false, raison: 'invalide' });
    expect(await links.verify('pas-un-jeton', expected)).toEqual({ ok: false, raison: 'invalide' });
    const other = new ActionLinks({ secret: 'another-secret-0123456789abcdef0123456789', ttlMs: 60_000, publicUrl: 'https://x' });
    expect(await links.verify(await other.sign(base), expected)).toEqual({ ok: false, raison: 'invalide' });
  });

  it('refuses an unsigned (alg none) token', async () => {
    const token = await links.sign(base);
    const p = token.split('.')[1]!;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    expect(await links.verify(none, expected)).toEqual({ ok: false, raison: 'invalide' });
  });

  it('says an expired link is expired, with its genuine claims (to send a fresh one)', async () => {
    const token = await links.sign({ ...base, now: new Date(Date.now() - 2 * 60 * 60_000) });
    const v = await links.verify(token, expected);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.raison).toBe('expire');
    expect(!v.ok && v.raison === 'expire' && v.claims.personne).toBe(personHash(base.email));
    // An expired link for another action is still simply invalid.
    expect(await links.verify(token, { ...expected, action: 'seance' })).toEqual({ ok: false, raison: 'invalide' });
  });

  it('cannot be used for another action or another dossier', async () => {
    const token = await links.sign(base);
    expect(await links.verify(token, { ...expected, action: 'evaluation' })).toEqual({ ok: false, raison: 'invalide' });
    expect(await links.verify(token, { ...expected, dossierId: 'CMP-9999999999' })).toEqual({ ok: false, raison: 'invalide' });
  });

  it('gives each link its own id (single use is recorded by id in the workflow)', async () => {
    const a = await links.verify(await links.sign(base), expected);
    const b = await links.verify(await links.sign(base), expected);
    expect(a.ok && b.ok && a.claims.jti !== b.claims.jti).toBe(true);
  });

  it('requires a secret outside development, and generates one into DATA_DIR in development', () => {
    expect(() => resolveActionLinkSecret({ dev: false, dataDir: '/nonexistent' })).toThrow(/ACTION_LINK_SECRET is required/);
    expect(resolveActionLinkSecret({ secret: 'given', dev: false, dataDir: '/nonexistent' })).toBe('given');
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    try {
      const first = resolveActionLinkSecret({ dev: true, dataDir: dir });
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(resolveActionLinkSecret({ dev: true, dataDir: dir })).toBe(first);
      expect(readFileSync(join(dir, 'action-link-secret'), 'utf8').trim()).toBe(first);
      expect(statSync(join(dir, 'action-link-secret')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a short secret', () => {
    expect(() => new ActionLinks({ secret: 'court', ttlMs: 1, publicUrl: 'http://x' })).toThrow(/at least 32/);
  });
});

describe('emails carrying personal links', () => {
  // A transport that keeps what would be sent, without a server.
  const sent: { to: string[]; cc: string[]; text: string }[] = [];
  const transport = {
    sendMail: async (m: { to: { address: string }[]; cc?: { address: string }[]; text: string }) => {
      sent.push({ to: m.to.map((a) => a.address), cc: (m.cc ?? []).map((a) => a.address), text: m.text });
      return { response: '250 ok' };
    },
  } as unknown as Transporter;
  const activities = createActivities({
    transport,
    from: 'x@unml.info',
    publicUrl: 'https://dispositifs.example',
    unmlContactEmail: 'dispositifs@unml.info',
    actionLinks: links,
  });
  const dossier = { dossierId: 'APC-0123456789', dispositif: 'appui_conseil' as const, mlNom: 'Mission Locale de Lens', regionNom: 'Hauts-de-France' };
  const contact = { nom: 'Marc Petit', email: 'contact@equilibres.fr' };

  beforeEach(() => sent.splice(0));

  it('sends one email and one link to a cabinet contact who is also its consultant', async () => {
    await activities.notify({
      dossier,
      key: '4-invitation_visio',
      to: [contact, { nom: 'Marc Petit', email: 'Contact@Equilibres.fr' }, { nom: 'Léa Roux', email: 'lea@equilibres.fr' }],
      message: { kind: 'invitation_visio', visio: 'lancement', debut: '2026-12-10T09:00:00.000Z', dureeMinutes: 60 },
      action: { nom: 'repondre-visio', role: ['cabinet', 'intervenant', 'intervenant'], objet: 'lancement' },
    });
    expect(sent.map((m) => m.to)).toEqual([['contact@equilibres.fr'], ['lea@equilibres.fr']]);
    const lien = /https:\/\/dispositifs\.example\/agir\/\S+/.exec(sent[0]!.text)![0];
    const verified = await links.verify(new URL(lien).searchParams.get('jeton')!, { dossierId: dossier.dossierId, action: 'repondre-visio' });
    expect(verified).toMatchObject({ ok: true, claims: { role: 'cabinet', personne: personHash(contact.email) } });
  });

  it('gives people in copy a copy without link that says whose action it is', async () => {
    await activities.notify({
      dossier,
      key: '5-acte',
      to: [{ nom: 'Karim Haddad', email: 'direction@ml-lens.fr' }],
      cc: [{ nom: 'Martine Leroy', email: 'presidence@ml-lens.fr' }],
      message: { kind: 'relance_acte_engagement', dateLimite: '2026-12-20T09:00:00.000Z' },
      action: { nom: 'signer-acte-engagement', role: 'ml' },
    });
    expect(sent.map((m) => m.to)).toEqual([['direction@ml-lens.fr'], ['presidence@ml-lens.fr']]);
    expect(sent[0]!.text).toContain('Action attendue de votre part');
    expect(sent[1]!.text).toContain('Pour information, action attendue de Karim Haddad');
    expect(sent[1]!.text).not.toMatch(/\/agir\/|de votre part/);
  });
});
