// The tools and documents the two directions of a Compagnonnage exchange (seed 003, issue #12 §4), on the real stack
// (Temporal dev server, worker, SMTP sink): refused before the acte d'engagement is signed; shared by the ML from its
// link page (multipart, no JavaScript), listed for staff and the intervenant, its email reaching the intervenant with a
// link that downloads the same bytes and UNML with the staff download; too large a file refused in French; shared by
// staff from the dossier page (CSRF, charge_mission); the actor in the timeline; refused once the dossier ended.
import request from 'supertest';
import { regleDe } from '../api/acces/routes';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { session as sessionDe } from './helpers/connexion';
import { compteDeTest, type CompteDeTest } from './helpers/acces';
import { waitForActionLink, waitForMail } from './helpers/action-link-mails';
import { demandeApi as demande } from './helpers/compagnonnage';
import { INTERLOCUTRICE, mlRouen } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE as INTERVENANT } from './helpers/pool';

const MAX = 4096;
let stack: ApiStack;
let charge: CompteDeTest;
const DIRECTION = mlRouen().direction;

/** A small PDF (its signature is what the API checks), `n` bytes long. */
const pdf = (n = 600, marque = 'trame') => {
  const debut = Buffer.from(`%PDF-1.4\n% ${marque}\n`, 'latin1');
  return Buffer.concat([debut, Buffer.alloc(Math.max(0, n - debut.length), 0x20)]);
};
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR outil', 'latin1')]);

beforeAll(async () => {
  stack = await startApiStack({ LIVRABLES_MAX_BYTES: String(MAX) });
  await stack.ajouterIntervenant(INTERVENANT);
  charge = await compteDeTest(stack.comptes, 'charge_mission');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const session = (c: CompteDeTest) => sessionDe(stack, c);

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
/** The download links of a documents block. */
const liensDe = (html: string, id: string) =>
  [...html.matchAll(new RegExp(`href="(/(?:agir|api/dossiers)/${id}/documents/\\d+[^"]*)"`, 'g'))].map((m) => decode(m[1]!));
const binaire = (r: request.Request) =>
  r.buffer(true).parse((res, cb) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => cb(null, Buffer.concat(parts)));
  });

describe('Compagnonnage: the documents the two directions exchange', () => {
  let id: string;
  const dossier = async () => (await request(stack.app).get(`/api/dossiers/${id}`)).body;
  const api = (body: object) => request(stack.app).post(`/api/dossiers/${id}/documents`).send(body);
  const base64 = (b: Buffer, nomFichier = 'trame.pdf', type = 'application/pdf') => ({ nomFichier, type, contenuBase64: b.toString('base64') });

  it('says who may call its routes', () => {
    expect(regleDe('GET', '/api/dossiers/CMP-0123456789/documents/1')?.acces).toBe('lecture');
    expect(regleDe('POST', '/api/dossiers/CMP-0123456789/documents')?.acces).toBe('charge_mission');
    expect(regleDe('POST', '/staff/dossiers/CMP-0123456789/documents')?.acces).toBe('charge_mission');
    expect(regleDe('GET', '/agir/CMP-0123456789/documents')?.acces).toBe('public');
    expect(regleDe('GET', '/agir/CMP-0123456789/documents/1')?.acces).toBe('public');
    expect(regleDe('POST', '/agir/CMP-0123456789/documents')?.acces).toBe('public');
  });

  it('refuses a document before the acte d’engagement is signed, in French', async () => {
    const created = await request(stack.app).post('/api/demandes').send(demande());
    expect(created.status).toBe(201);
    id = created.body.dossierId;
    expect((await request(stack.app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE })).status).toBe(200);
    expect((await request(stack.app).post(`/api/dossiers/${id}/candidats/${INTERVENANT.id}/confirmation`).send({})).status).toBe(200);
    expect((await request(stack.app).post(`/api/dossiers/${id}/intervenant/reponse`).send({ accepte: true, intervenantId: INTERVENANT.id })).status).toBe(200);
    const tot = await api({ titre: 'Trame de CODIR', fichier: base64(pdf()) });
    expect(tot.status).toBe(409);
    expect(tot.body.message).toContain("Les outils et documents s'échangent à partir de la signature de l'acte d'engagement");
    expect(tot.body.message).toContain('« signature de l’acte d’engagement »');
    // The link page says it too, without a form.
    const jeton = await stack.actionLinks.sign({ dossierId: id, action: 'documents', email: DIRECTION.email, role: 'ml' });
    const page = await request(stack.app).get(`/agir/${id}/documents?jeton=${jeton}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('s’échangent à partir de la signature de l’acte d’engagement');
    expect(page.text).not.toContain('enctype="multipart/form-data"');
    expect((await request(stack.app).post(`/api/dossiers/${id}/signer-acte-engagement`).send({ signataire: DIRECTION.nom })).status).toBe(200);
    expect((await dossier()).etape).toBe('cadrage');
  });

  it('shares a document from the ML’s link page: listed for staff and the intervenant, emailed with a link that downloads the same bytes', async () => {
    const fichier = pdf(900, 'trame de CODIR');
    // UNML sends each direction its link to the documents page, so that the ML may share first.
    const invite = await request(stack.app).post(`/api/dossiers/${id}/documents/inviter`).send({});
    expect(invite.status).toBe(200);
    expect(invite.body.timeline.at(-1)).toMatchObject({ acteur: 'unml', source: 'api', evenement: 'Lien des documents envoyé aux directions' });
    const lienMl = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'documents_a_partager', to: DIRECTION.email, action: 'documents' }));
    await waitForActionLink(stack.mails, { dossierId: id, kind: 'documents_a_partager', to: INTERVENANT.email, action: 'documents' });
    const jeton = lienMl.searchParams.get('jeton')!;
    const vide = await request(stack.app).get(`/agir/${id}/documents?jeton=${jeton}`);
    expect(vide.status).toBe(200);
    expect(vide.text).toContain('Documents de l’accompagnement');
    expect(vide.text).toContain('Aucun document pour l’instant.');
    expect(vide.text).toContain('enctype="multipart/form-data"');
    expect(vide.text).toContain('<label for="documents-f-fichier">Fichier');

    const envoi = await request(stack.app)
      .post(`/agir/${id}/documents`)
      .field('jeton', jeton)
      .field('titre', 'Trame de CODIR')
      .field('note', 'Celle que nous utilisons depuis deux ans.')
      .attach('fichier', fichier, { filename: 'trame-codir.pdf', contentType: 'application/pdf' });
    expect(envoi.status).toBe(303);
    expect(envoi.headers.location).toContain(`/agir/${id}/documents?jeton=`);
    const apres = await request(stack.app).get(envoi.headers.location!);
    expect(apres.text).toContain('Document n° 1 « Trame de CODIR » partagé');
    // The link is not single-shot: it opens the page again.
    expect((await request(stack.app).get(`/agir/${id}/documents?jeton=${jeton}`)).status).toBe(200);

    const state = await dossier();
    expect(state.documents).toEqual([
      expect.objectContaining({
        numero: 1,
        titre: 'Trame de CODIR',
        note: 'Celle que nous utilisons depuis deux ans.',
        deposePar: 'ml',
        par: DIRECTION.nom,
        fichier: expect.objectContaining({ nom: 'trame-codir.pdf', type: 'application/pdf', tailleOctets: fichier.length }),
      }),
    ]);
    expect(state.timeline.at(-1)).toMatchObject({ acteur: `ml (${DIRECTION.nom})`, source: 'lien', evenement: 'Document 1 partagé' });

    // The intervenant's email carries a personal link to the documents page, which downloads the same bytes.
    const lien = await waitForActionLink(stack.mails, { dossierId: id, kind: 'document_partage', to: INTERVENANT.email, action: 'documents' });
    const mail = await waitForMail(stack.mails, { dossierId: id, kind: 'document_partage', to: INTERVENANT.email });
    expect(mail.subject).toContain('Un document vous est partagé : Trame de CODIR');
    expect(mail.text).toContain('la Mission Locale (Claire Martin) vous partage un document');
    expect(mail.text).toContain('trame-codir.pdf');
    const url = new URL(lien);
    const pageIntervenant = await request(stack.app).get(url.pathname + url.search);
    expect(pageIntervenant.status).toBe(200);
    expect(pageIntervenant.text).toContain('Trame de CODIR');
    expect(pageIntervenant.text).toContain('Partagé par la Mission Locale (Claire Martin)');
    const [telechargement] = liensDe(pageIntervenant.text, id);
    expect(telechargement).toMatch(new RegExp(`^/agir/${id}/documents/1\\?jeton=`));
    const recu = await binaire(request(stack.app).get(telechargement!));
    expect(recu.status).toBe(200);
    expect(recu.headers['content-type']).toContain('application/pdf');
    expect(recu.headers['content-disposition']).toMatch(/^attachment; filename="?trame-codir\.pdf"?$/);
    expect(Buffer.compare(recu.body as Buffer, fichier)).toBe(0);
    // Another link (the ML's for another dossier's action) downloads nothing.
    const autre = await stack.actionLinks.sign({ dossierId: id, action: 'seance', email: INTERVENANT.email, role: 'intervenant' });
    expect((await request(stack.app).get(`/agir/${id}/documents/1?jeton=${autre}`)).status).toBe(403);

    // UNML is told, with the staff download; staff download the same bytes and see it on the dossier page.
    const unml = await waitForMail(stack.mails, { dossierId: id, kind: 'document_partage', to: INTERLOCUTRICE.email });
    expect(unml.text).toContain(`/api/dossiers/${id}/documents/1`);
    expect(stack.mails().filter((m) => m.includes('X-Dispositifs-Kind: document_partage') && m.includes(DIRECTION.email)).length).toBe(0);
    const staff = await binaire(request(stack.app).get(`/api/dossiers/${id}/documents/1`));
    expect(staff.status).toBe(200);
    expect(Buffer.compare(staff.body as Buffer, fichier)).toBe(0);
    expect((await request(stack.appSansCompte).get(`/api/dossiers/${id}/documents/1`)).status).toBe(401);
    expect((await request(stack.app).get(`/api/dossiers/${id}/documents/9`)).body.message).toContain('Document n° 9 inconnu');
    const page = await request(stack.app).get(`/staff/dossiers/${id}`);
    expect(page.text).toContain('Documents échangés');
    expect(page.text).toContain('<a href="#documents">Documents échangés</a>');
    expect(liensDe(page.text, id)).toEqual([`/api/dossiers/${id}/documents/1`]);
  });

  it('refuses too large a file in French: on the link page, through the API, and a body beyond any file', async () => {
    const jeton = await stack.actionLinks.sign({ dossierId: id, action: 'documents', email: INTERVENANT.email, role: 'intervenant' });
    const gros = await request(stack.app)
      .post(`/agir/${id}/documents`)
      .field('jeton', jeton)
      .field('titre', 'Rapport annuel')
      .attach('fichier', pdf(MAX + 500), { filename: 'rapport.pdf', contentType: 'application/pdf' });
    expect(gros.status).toBe(413);
    expect(gros.text).toContain('un document ne peut dépasser 4 ko');
    expect(gros.text).toContain('value="Rapport annuel"'); // the form keeps what was typed
    const viaApi = await api({ titre: 'Rapport annuel', fichier: base64(pdf(MAX + 500), 'rapport.pdf') });
    expect(viaApi.status).toBe(413);
    expect(viaApi.body.message).toContain('un document ne peut dépasser 4 ko');
    const enorme = await request(stack.app)
      .post(`/agir/${id}/documents`)
      .field('jeton', jeton)
      .field('titre', 'Archive')
      .attach('fichier', pdf(MAX + 100 * 1024), { filename: 'archive.pdf', contentType: 'application/pdf' });
    expect(enorme.status).toBe(413);
    expect(enorme.text).toContain('Un document ne peut dépasser 4 ko : rien n’a été partagé.');
    // A file whose content is not of its type, and no title: errors by field.
    const faux = await request(stack.app)
      .post(`/agir/${id}/documents`)
      .field('jeton', jeton)
      .field('titre', '')
      .attach('fichier', Buffer.from('pas un pdf'), { filename: 'faux.pdf', contentType: 'application/pdf' });
    expect(faux.status).toBe(400);
    expect(faux.text).toContain('Ce champ est obligatoire : donnez un titre au document.');
    expect(faux.text).toContain('ne correspond pas à un fichier PDF');
    expect((await dossier()).documents).toHaveLength(1);
  });

  it('shares from the back office (charge_mission, CSRF): both directions are emailed their link, UNML with its account in the timeline', async () => {
    const agent = await session(charge);
    const page = await agent.get(`/staff/dossiers/${id}`);
    expect(page.status).toBe(200);
    const action = /<form method="post" action="(\/staff\/dossiers\/[^"]+\/documents\?_csrf=[^"]+)"/.exec(decode(page.text))?.[1] ?? '';
    expect(action).toContain('_csrf=');
    // Without the CSRF token: refused.
    const sansCsrf = await agent
      .post(`/staff/dossiers/${id}/documents`)
      .field('titre', 'Outil')
      .attach('fichier', png, { filename: 'outil.png', contentType: 'image/png' });
    expect(sansCsrf.status).toBe(403);
    const envoi = await agent
      .post(action)
      .field('titre', 'Grille d’entretien annuel')
      .field('role', 'unml')
      .attach('fichier', png, { filename: 'grille.png', contentType: 'application/octet-stream' });
    expect(envoi.status).toBe(303);
    expect(envoi.headers.location).toBe(`/staff/dossiers/${id}?document=2#documents`);
    const apres = await agent.get(envoi.headers.location!);
    expect(apres.text).toContain('Document n° 2 « Grille d’entretien annuel » partagé');
    const state = await dossier();
    expect(state.documents[1]).toMatchObject({ numero: 2, deposePar: 'unml', compte: charge.compte.id, fichier: { type: 'image/png', nom: 'grille.png' } });
    expect(state.timeline.at(-1)).toMatchObject({
      acteur: `unml (${charge.compte.nom})`,
      source: 'back_office',
      compte: charge.compte.id,
      evenement: 'Document 2 partagé',
    });
    for (const to of [DIRECTION.email, INTERVENANT.email]) {
      const lien = await waitForActionLink(stack.mails, { dossierId: id, kind: 'document_partage', to, action: 'documents' });
      const u = new URL(lien);
      expect((await request(stack.app).get(u.pathname + u.search)).text).toContain('Grille d’entretien annuel');
    }
    // Errors by field, the values kept.
    const vide = await agent.post(action).field('titre', 'Sans fichier');
    expect(vide.status).toBe(400);
    expect(vide.text).toContain('Ce champ est obligatoire : choisissez le fichier à partager.');
    expect(vide.text).toContain('value="Sans fichier"');
  });

  it('offers a fresh link for an expired one, to the same person', async () => {
    const expire = await stack.actionLinks.sign({ dossierId: id, action: 'documents', email: INTERVENANT.email, role: 'intervenant', ttlMs: -60_000 });
    const page = await request(stack.app).get(`/agir/${id}/documents?jeton=${expire}`);
    expect(page.status).toBe(410);
    expect(decode(page.text)).toContain(`action="/agir/${id}/documents/nouveau-lien"`);
    const renvoi = await request(stack.app).post(`/agir/${id}/documents/nouveau-lien`).type('form').send({ jeton: expire });
    expect(renvoi.status).toBe(202);
    const lien = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'nouveau_lien', to: INTERVENANT.email, action: 'documents' }));
    const frais = await request(stack.app).get(lien.pathname + lien.search);
    expect(frais.status).toBe(200);
    expect(frais.text).toContain('Trame de CODIR');
  });

  it('refuses a document once the dossier ended, and keeps the documents downloadable', async () => {
    expect((await request(stack.app).post(`/api/dossiers/${id}/abandon`).send({ motif: 'La Mission Locale renonce.' })).status).toBe(200);
    const jeton = await stack.actionLinks.sign({ dossierId: id, action: 'documents', email: DIRECTION.email, role: 'ml' });
    const envoi = await request(stack.app)
      .post(`/agir/${id}/documents`)
      .field('jeton', jeton)
      .field('titre', 'Trop tard')
      .attach('fichier', pdf(), { filename: 'tard.pdf', contentType: 'application/pdf' });
    expect(envoi.status).toBe(409);
    expect(envoi.text).toContain('Le dossier est terminé : plus aucun document ne peut être partagé.');
    const viaApi = await api({ titre: 'Trop tard', fichier: base64(pdf()) });
    expect(viaApi.status).toBe(409);
    expect(viaApi.body.message).toMatch(/terminé|abandonné/);
    const page = await request(stack.app).get(`/agir/${id}/documents?jeton=${jeton}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('enctype="multipart/form-data"');
    expect(liensDe(page.text, id)).toHaveLength(2);
    expect((await binaire(request(stack.app).get(`/api/dossiers/${id}/documents/1`))).status).toBe(200);
  });
});
