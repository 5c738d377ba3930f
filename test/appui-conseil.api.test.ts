// Appui Conseil through the API, end to end: a real Temporal dev server, the real worker (workflows and
// activities, emails to a local SMTP sink), deliverables written to a temporary DATA_DIR.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { waitForMail } from './helpers/action-link-mails';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi as demande } from './helpers/appui-conseil';
import { demandeApi as demandeCompagnonnage } from './helpers/compagnonnage';
import { DAY, INTERLOCUTRICE } from './helpers/fixtures';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';
import { until } from './helpers/temporal';

const MAX_BYTES = 64 * 1024;
let stack: ApiStack;
const { call, seen } = responseRecorder();
const CABINET = {
  nom: 'Cabinet Conseil Horizon',
  contact: { nom: 'Marc Petit', email: 'marc.petit@horizon-conseil.fr' },
  consultants: [
    { nom: 'Marc Petit', email: 'marc.petit@horizon-conseil.fr' },
    { nom: 'Inès Roy', email: 'ines.roy@horizon-conseil.fr' },
  ],
};
/** The pool's network members (one from the ML's région, Normandie) and cabinet consultants. */
const MEMBRE_NOR = { id: 'dir-NOR', nom: 'Hélène Marchand', email: 'direction@ml-caen.fr', type: 'directeur_ml', region: 'NOR' } as const;
const MEMBRE_BRE = { id: 'dir-BRE', nom: 'Paul Le Gall', email: 'direction@ml-brest.fr', type: 'directeur_ml', region: 'BRE' } as const;
const EXPERT_OCC = { id: 'exp-OCC', nom: 'Nadia Benali', email: 'nadia.benali@reseau-ml.fr', type: 'expert_reseau', region: 'OCC' } as const;
const CONSULTANT_NOR = { id: 'cns-NOR', nom: 'Inès Roy', email: 'ines.roy@horizon-conseil.fr', type: 'consultant_cabinet', region: 'NOR' } as const;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

/** A tiny but well-formed PDF (header, one empty page, xref, trailer). */
function tinyPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const post = (id: string, action: string, body: unknown) =>
  call(
    request(stack.app)
      .post(`/api/dossiers/${id}/${action}`)
      .send(body as object),
  );
async function expectOk(id: string, action: string, body: unknown, etape?: string): Promise<request.Response> {
  const res = await post(id, action, body);
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text}`);
  if (etape) expect(res.body.etape).toBe(etape);
  return res;
}

beforeAll(async () => {
  stack = await startApiStack({ LIVRABLES_MAX_BYTES: String(MAX_BYTES) });
  for (const i of [MEMBRE_NOR, MEMBRE_BRE, EXPERT_OCC, CONSULTANT_NOR]) await stack.ajouterIntervenant(i);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('Appui Conseil through the API', () => {
  let id: string;
  const missionLocale = demande().missionLocale;

  it('creates an APC- dossier from a demande (201), idempotently, and informs the ARML by email', async () => {
    const requestId = `req-${randomUUID()}`;
    const res = await call(request(stack.app).post('/api/demandes').send(demande({ missionLocale, requestId })));
    expect(res.status).toBe(201);
    expect(res.body.dossierId).toMatch(/^APC-[0-9A-F]{10}$/);
    expect(res.body.etape).toBe('prise_de_contact');
    id = res.body.dossierId;

    const again = await call(request(stack.app).post('/api/demandes').set('Idempotency-Key', requestId).send(demande({ missionLocale })));
    expect(again.status).toBe(200);
    expect(again.body.dossierId).toBe(id);

    const got = await call(request(stack.app).get(`/api/dossiers/${id}`));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ dossierId: id, dispositif: 'appui_conseil', etape: 'prise_de_contact' });

    const arml = await waitForMail(stack.mails, { dossierId: id, kind: 'notification_arml', to: 'contact@arml-normandie.fr', text: id });
    expect(arml.text).toMatch(/Appui Conseil/);
  });

  it('refuses an out-of-scope demand (amélioration continue) at once (422), pointing to Compagnonnage; nothing starts', async () => {
    const res = await call(
      request(stack.app)
        .post('/api/demandes')
        .send(demande({ sujets: ['amelioration_continue'] })),
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('demande_non_recevable');
    expect(res.body.message).toMatch(/ne relève pas de l’Appui Conseil/);
    expect(res.body.details.motifs.join(' ')).toMatch(/amélioration continue/);
    expect(res.body.details.redirection).toEqual({ dispositif: 'compagnonnage', libelle: 'Compagnonnage', formulaire: '/demande/compagnonnage' });
    expect(res.body.dossierId).toBeUndefined();
  });

  it(
    'ranks the pool’s network members for the dossier (never one from the ML’s région), confirms one, mobilises the cabinet and reaches the ' +
      'diagnostic once the visio de lancement has begun',
    async () => {
      const tot = await call(request(stack.app).get(`/api/dossiers/${id}/candidats`));
      expect(tot.status).toBe(409);
      expect(tot.body.error).toBe('pas_de_designation');
      await expectOk(
        id,
        'prise-de-contact',
        { besoin: 'Redresser la trésorerie et sécuriser les financements.', interlocutrice: INTERLOCUTRICE, par: 'unml.sbernard' },
        'mobilisation',
      );

      const res = await call(request(stack.app).get(`/api/dossiers/${id}/candidats`));
      expect(res.status).toBe(200);
      expect(res.body.besoin).toMatchObject({ dossierId: id, dispositif: 'appui_conseil', role: 'membre_reseau', missionLocale: { region: 'NOR' } });
      const candidats = res.body.candidats as {
        intervenantId: string;
        region: string;
        eligible: boolean;
        rang?: number;
        exclusions: string[];
        raisons: string[];
      }[];
      expect(candidats.map((c) => c.intervenantId).sort()).toEqual([MEMBRE_NOR.id, MEMBRE_BRE.id, EXPERT_OCC.id].sort());
      const eligibles = candidats.filter((c) => c.eligible);
      expect(eligibles.map((c) => c.intervenantId).sort()).toEqual([MEMBRE_BRE.id, EXPERT_OCC.id].sort());
      expect(eligibles.map((c) => c.rang)).toEqual([1, 2]);
      expect(eligibles.every((c) => c.raisons.length > 0)).toBe(true);
      // Seed 001: a network member never comes from the ML's région; a cabinet consultant may (shown for information).
      const normand = candidats.find((c) => c.intervenantId === MEMBRE_NOR.id)!;
      expect(normand.eligible).toBe(false);
      expect(normand.exclusions.join(' ')).toMatch(/Normandie/);
      expect(res.body.consultants.besoin.role).toBe('consultant_appui');
      expect(res.body.consultants.candidats).toEqual([expect.objectContaining({ intervenantId: CONSULTANT_NOR.id, eligible: true })]);

      // No hand-typed member any more: the pool's confirmation is the way.
      expect((await post(id, 'membres-reseau', { membre: MEMBRE_BRE })).status).toBe(404);
      const sansMotif = await call(request(stack.app).post(`/api/dossiers/${id}/candidats/${MEMBRE_NOR.id}/confirmation`).send({}));
      expect(sansMotif.status).toBe(409);
      // A rule no motif lifts: said so, without inviting a motif.
      expect(sansMotif.body.error).toBe('hors_regles');
      const memeRegion = await call(request(stack.app).post(`/api/dossiers/${id}/candidats/${MEMBRE_NOR.id}/confirmation`).send({ motif: 'Urgence' }));
      expect(memeRegion.status).toBe(409);
      expect(memeRegion.body.error).toBe('hors_regles');
      expect(memeRegion.body.message).toMatch(/région/);

      const premier = eligibles[0]!;
      const confirme = await call(
        request(stack.app).post(`/api/dossiers/${id}/candidats/${premier.intervenantId}/confirmation`).send({ par: 'unml.sbernard' }),
      );
      expect(confirme.status).toBe(200);
      expect(confirme.body.membresReseau.map((m: { id: string }) => m.id)).toEqual([premier.intervenantId]);
      expect(confirme.body.vivier).toMatchObject({ role: 'membre_reseau', choix: { source: 'classement', rang: 1 } });
      expect((await stack.vivier.reservations({ dossierId: id, actives: true })).map((r) => `${r.role}:${r.intervenantId}`)).toEqual([
        `membre_reseau:${premier.intervenantId}`,
      ]);
      // The role is held: nobody else is ranked for it.
      expect((await call(request(stack.app).get(`/api/dossiers/${id}/candidats`))).status).toBe(409);

      await expectOk(id, 'cabinet', { cabinet: CABINET }, 'acte_engagement');
      await expectOk(id, 'signer-acte-engagement', { signataire: 'Jean Dupont' }, 'lancement');
      // The visio starts in five seconds (room for a loaded machine): recorded as held only from then.
      const debut = new Date(Date.now() + 5_000).toISOString();
      await expectOk(id, 'visio-lancement', { debut, lien: 'https://visio.unml.info/lancement' }, 'lancement');
      const avantDebut = await post(id, 'visio-lancement/compte-rendu', { compteRendu: 'Calendrier du diagnostic convenu.' });
      expect(avantDebut.status).toBe(409);
      expect(avantDebut.body.message).toMatch(/^La visio de lancement commence le .* à \d{1,2} h \d\d : enregistrez-la comme tenue à partir de cette heure/);
      await new Promise((r) => setTimeout(r, Math.max(Date.parse(debut) - Date.now(), 0) + 200));
      await expectOk(id, 'visio-lancement/compte-rendu', { compteRendu: 'Calendrier du diagnostic convenu.' }, 'diagnostic');
    },
  );

  it('a network member who declines (refus) is released, removed from the dossier and excluded from the next ranking', async () => {
    const res = await call(request(stack.app).post('/api/demandes').send(demande()));
    const autre = res.body.dossierId as string;
    await expectOk(autre, 'prise-de-contact', { besoin: 'Sécuriser les financements.', interlocutrice: INTERLOCUTRICE }, 'mobilisation');
    const confirme = await call(request(stack.app).post(`/api/dossiers/${autre}/candidats/${EXPERT_OCC.id}/confirmation`).send({}));
    expect(confirme.status).toBe(200);
    const refus = await call(request(stack.app).post(`/api/dossiers/${autre}/candidats/${EXPERT_OCC.id}/refus`).send({ motif: 'Pas disponible avant mars' }));
    expect(refus.status).toBe(200);
    expect(refus.body.membresReseau).toEqual([]);
    expect(await stack.vivier.reservations({ dossierId: autre, actives: true })).toEqual([]);
    const apres = await call(request(stack.app).get(`/api/dossiers/${autre}/candidats`));
    const elle = apres.body.candidats.find((c: { intervenantId: string }) => c.intervenantId === EXPERT_OCC.id);
    expect(elle.eligible).toBe(false);
    expect(elle.exclusions.join(' ')).toMatch(/Pas disponible avant mars/);
    await expectOk(autre, 'abandon', { motif: 'fin du test' }, 'abandonnee');
  });

  it('stores a PDF deliverable outside the workflow and downloads it back identical; refuses a fake PDF and an oversized file', async () => {
    const pdf = tinyPdf();
    const fichier = { nomFichier: 'diagnostic-flash.pdf', type: 'application/pdf', contenuBase64: pdf.toString('base64') };
    const added = await expectOk(id, 'livrables', { nom: 'Note de diagnostic flash', fichier });
    const livrable = added.body.livrables[0];
    expect(livrable).toMatchObject({ numero: 1, nom: 'Note de diagnostic flash', fichier: { type: 'application/pdf', tailleOctets: pdf.length } });
    expect(livrable.fichier.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(added.body)).not.toContain(fichier.contenuBase64);
    const stored = join(stack.dataDir, 'livrables', id, livrable.fichier.sha256);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored).equals(pdf)).toBe(true);

    const download = await call(
      request(stack.app)
        .get(`/api/dossiers/${id}/livrables/1`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        }),
    );
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Note de diagnostic flash\.pdf"/);
    expect((download.body as Buffer).equals(pdf)).toBe(true);

    const fake = await post(id, 'livrables', {
      nom: 'Faux PDF',
      fichier: { ...fichier, contenuBase64: Buffer.from('PK\u0003\u0004 not a pdf').toString('base64') },
    });
    expect(fake.status).toBe(400);
    expect(fake.body.details).toEqual([{ path: 'fichier.contenuBase64', message: expect.stringMatching(/ne correspond pas au type déclaré PDF/) }]);

    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_BYTES)]);
    const tooBig = await post(id, 'livrables', { nom: 'Trop gros', fichier: { ...fichier, contenuBase64: big.toString('base64') } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toMatch(/64 ko/);

    const badType = await post(id, 'livrables', { nom: 'Exécutable', fichier: { ...fichier, type: 'application/x-msdownload' } });
    expect(badType.status).toBe(400);
    const ftp = await post(id, 'livrables', { nom: 'Lien', url: 'ftp://cabinet.fr/rapport.pdf' });
    expect(ftp.status).toBe(400);
    const link = await expectOk(id, 'livrables', { nom: 'Tableau de bord partagé', url: 'https://horizon-conseil.fr/tableau' });
    expect(link.body.livrables).toHaveLength(2);
    const redirect = await call(request(stack.app).get(`/api/dossiers/${id}/livrables/2`));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('https://horizon-conseil.fr/tableau');
    expect((await call(request(stack.app).get(`/api/dossiers/${id}/livrables/9`))).status).toBe(404);
  });

  it('logs up to 20 days (within the dossier, for who is on it), refuses a 21st and an unapproved travel (409); the timeline says UNML acted', async () => {
    await expectOk(
      id,
      'rapport-diagnostic',
      { constats: 'Déficit structurel de 120 k€.', conclusions: 'Plan de retour à l’équilibre sur 18 mois.' },
      'cadrage',
    );
    await expectOk(
      id,
      'fiche-cadrage',
      { besoin: 'Retour à l’équilibre financier.', objectifs: ['Équilibrer le budget 2027', 'Diversifier les financements'] },
      'plan_action',
    );
    await expectOk(
      id,
      'plan-action',
      {
        actions: [
          {
            intitule: 'Plan de trésorerie mensuel',
            responsable: { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' },
            jalons: [
              { libelle: 'Premier plan validé', date: inDays(20) },
              { libelle: 'Revue trimestrielle', date: inDays(90) },
            ],
          },
          {
            intitule: 'Dossiers de financement',
            responsable: { nom: 'Jean Dupont', email: 'presidence@ml-rouen.fr' },
            jalons: [{ libelle: 'Deux dossiers déposés', date: inDays(45) }],
          },
        ],
      },
      'mise_en_oeuvre',
    );
    await expectOk(id, 'jalons/atteint', { action: 1, jalon: 1 });

    // A day is dated within the dossier, and for someone on it.
    const avant = await post(id, 'journees', {
      intervenant: 'Marc Petit',
      date: new Date(Date.now() - 20 * DAY).toISOString(),
      demiJournees: 2,
      objet: 'Atelier',
    });
    expect(avant.status).toBe(409);
    expect(avant.body.message).toMatch(/^La journée d'intervention : la date du .* à \d{1,2} h \d\d précède la création du dossier/);
    const inconnu = await post(id, 'journees', {
      intervenant: 'Jean Inconnu',
      date: new Date(Date.now() - 1_000).toISOString(),
      demiJournees: 2,
      objet: 'Atelier',
    });
    expect(inconnu.status).toBe(409);
    expect(inconnu.body.message).toMatch(/^Jean Inconnu n'intervient pas sur ce dossier : .* \(possible : Marc Petit, Inès Roy\)\.$/);

    let last: request.Response | undefined;
    for (let n = 1; n <= 20; n++) {
      last = await expectOk(id, 'journees', {
        intervenant: n % 2 ? 'Marc Petit' : 'Inès Roy',
        date: new Date(Date.now() - 1_000).toISOString(),
        demiJournees: 2,
        objet: `Intervention ${n}`,
      });
    }
    // The timeline shows who acted (UNML, through the API), and the state the budget used up.
    expect(last!.body.timeline.at(-1)).toMatchObject({ acteur: 'unml', source: 'api', evenement: "Journée d'intervention enregistrée" });
    expect(last!.body.budget).toMatchObject({ realisesJours: 20, plafondJours: 20, restantJours: 0, restantDemiJournees: 0 });
    const day21 = await post(id, 'journees', {
      intervenant: 'Marc Petit',
      date: new Date(Date.now() - 1_000).toISOString(),
      demiJournees: 1,
      objet: 'Une de trop',
    });
    expect(day21.status).toBe(409);
    expect(day21.body.message).toMatch(/dépasse le budget/);

    const travel = await expectOk(id, 'deplacements', {
      qui: 'Marc Petit',
      ou: 'Rouen',
      quand: inDays(10),
      pourquoi: 'Atelier avec le conseil d’administration',
      coutEstimeEuros: 180,
    });
    expect(travel.body.ficheSuiviIntermediaire.deplacements[0]).toMatchObject({ numero: 1, statut: 'en_attente' });
    const unapproved = await post(id, 'deplacements/realise', { deplacement: 1 });
    expect(unapproved.status).toBe(409);
    expect(unapproved.body.message).toMatch(/pas été approuvé/);

    await expectOk(id, 'appels', { avec: 'ml', date: new Date(Date.now() - 1_000).toISOString(), resume: 'Point d’étape sur la trésorerie.' });
  });

  it('serves the suivi document as JSON and as a downloadable French HTML page with its four parts', async () => {
    const json = await call(request(stack.app).get(`/api/dossiers/${id}/document-suivi`));
    expect(json.status).toBe(200);
    expect(json.body.titre).toBe('Document de suivi — Appui Conseil — Mission Locale de Rouen');
    const parties = json.body.parties;
    expect(parties.rapportDiagnostic).toMatchObject({ titre: 'Rapport de diagnostic', renseigne: true, constats: 'Déficit structurel de 120 k€.' });
    expect(parties.ficheCadrage.objectifs).toHaveLength(2);
    expect(parties.ficheSuiviIntermediaire.journees).toMatchObject({ totalJours: 20, budget: { maximumJours: 20, restantJours: 0 } });
    expect(parties.ficheSuiviIntermediaire.journees.parIntervenant).toEqual([
      { intervenant: 'Marc Petit', jours: 10 },
      { intervenant: 'Inès Roy', jours: 10 },
    ]);
    expect(parties.ficheSuiviIntermediaire.retroplanning.map((j: { libelle: string }) => j.libelle)).toEqual([
      'Premier plan validé',
      'Deux dossiers déposés',
      'Revue trimestrielle',
    ]);
    expect(parties.ficheSuiviIntermediaire.retroplanning[0].atteint).toBe(true);
    expect(parties.ficheBilan).toMatchObject({ titre: 'Fiche bilan', renseignee: false });
    expect(json.body.livrables[0].lien).toBe(`/api/dossiers/${id}/livrables/1`);

    const html = await call(request(stack.app).get(`/api/dossiers/${id}/document-suivi.html`).query({ download: 1 }));
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-disposition']).toBe(`attachment; filename="document-suivi-${id}.html"`);
    expect(html.text).toContain('<title>Document de suivi — Appui Conseil — Mission Locale de Rouen</title>');
    for (const titre of ['Rapport de diagnostic', 'Fiche de cadrage', 'Fiche de suivi intermédiaire', 'Fiche bilan'])
      expect(html.text).toContain(`<h2>${titre}</h2>`);
    expect(html.text).toContain(id);
    expect(html.text).toContain('@media print');
    expect(html.text).toMatch(/Total<\/td><td colspan="2">20 jours/);
    expect(html.text).toMatch(/\d{1,2}(er)? \p{L}+ 20\d\d/u); // a French date
    const inline = await call(request(stack.app).get(`/api/dossiers/${id}/document-suivi.html`));
    expect(inline.headers['content-disposition']).toBeUndefined();
  });

  it('escapes what participants typed in the HTML document', async () => {
    const res = await call(request(stack.app).post('/api/demandes').send(demande()));
    const other = res.body.dossierId as string;
    await expectOk(other, 'prise-de-contact', { besoin: 'Situation <script>alert(1)</script> critique', interlocutrice: INTERLOCUTRICE });
    const html = await call(request(stack.app).get(`/api/dossiers/${other}/document-suivi.html`));
    expect(html.text).not.toContain('<script>alert(1)</script>');
    expect(html.text).toContain('&lt;script&gt;');
  });

  it('routes actions by the id prefix: an Appui Conseil action on a Compagnonnage dossier is a 404 saying so', async () => {
    const cmp = await call(
      request(stack.app)
        .post('/api/demandes')
        .send(demandeCompagnonnage({ sujets: ['organisation_management'] })),
    );
    expect(cmp.status).toBe(201);
    expect(cmp.body.dossierId).toMatch(/^CMP-/);
    const inapplicable = await post(cmp.body.dossierId, 'cabinet', { cabinet: CABINET });
    expect(inapplicable.status).toBe(404);
    expect(inapplicable.body.error).toBe('action_inapplicable');
    expect(inapplicable.body.message).toMatch(/ne s'applique pas aux dossiers Compagnonnage.*Appui Conseil/);
    expect((await call(request(stack.app).get(`/api/dossiers/${cmp.body.dossierId}/livrables/1`))).status).toBe(404);
    const accepterOnApc = await post(id, 'accepter', { interlocutrice: INTERLOCUTRICE });
    expect(accepterOnApc.status).toBe(404);

    const doc = await call(request(stack.app).get(`/api/dossiers/${cmp.body.dossierId}/document-suivi.html`));
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('Document de suivi — Compagnonnage — Mission Locale de Rouen');
    expect(doc.text).toContain('<h2>Fiche de suivi</h2>');

    const listed = await until('the Appui Conseil dossier in the list', async () => {
      const list = await call(request(stack.app).get('/api/dossiers').query({ dispositif: 'appui_conseil', missionLocale: missionLocale.code }));
      return (list.body.items as { dossierId: string }[]).find((i) => i.dossierId === id);
    });
    expect(listed).toMatchObject({ dispositif: 'appui_conseil', region: 'NOR', etape: 'mise_en_oeuvre' });
  });

  it('never sent a stack trace', () => expectNoStackTrace(seen, 50));
});
