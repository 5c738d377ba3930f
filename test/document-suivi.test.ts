// The suivi document of each dispositif, built from a dossier's state (api/document-suivi/model.ts, render.ts): a
// Diagnostic has one, like the other two (its crossed report, programme, conclusions, analyses, reports, questions
// to the ML, meetings), and every list of every document is in date order (issue #17 §1 and §5). Pure: no server.
import { documentSuivi, type DocumentSuiviAppuiConseil, type DocumentSuiviCompagnonnage, type DocumentSuiviDiagnostic } from '../api/document-suivi/model';
import { renderDocumentSuivi } from '../api/document-suivi/render';
import type { Intervenant } from '../domain/schemas';
import type { AppuiConseilState } from '../workflows/appui-conseil/state';
import type { CompagnonnageState } from '../workflows/compagnonnage/state';
import { DiagnosticDossier } from '../workflows/diagnostic/dossier';
import { DEMANDE, input } from './helpers/diagnostic';
import { INTERLOCUTRICE } from './helpers/fixtures';

const GENERE = '2027-03-01T09:00:00.000Z';
const at = (jour: number, heure = 9) => new Date(Date.UTC(2027, 0, jour, heure)).toISOString();
const fiche = (id: string, type: Intervenant['type'], nom: string, region: Intervenant['region']): Intervenant =>
  ({ id, type, nom, email: `${id.toLowerCase()}@example.fr`, region, expertises: ['gouvernance'] }) as Intervenant;

/** A Diagnostic driven through its dossier class to its conclusion, the binôme's deliverables filed out of role order. */
function diagnosticConclu(): DiagnosticDossier {
  const d = new DiagnosticDossier(input('DGN-0A1B2C3D4E', { ...DEMANDE, description: 'Un regard <b>extérieur</b>.' }), at(1));
  d.accept({ interlocutrice: INTERLOCUTRICE }, at(2));
  for (const [i, role] of [
    [fiche('CNS-IDF', 'consultant_cabinet', 'Marc Petit', 'IDF'), 'diagnostiqueur_consultant'],
    [fiche('DIR-BRE', 'directeur_ml', 'Paul Le Gall', 'BRE'), 'diagnostiqueur_directeur'],
  ] as const) {
    d.designate({ intervenant: i, choix: { source: 'classement', rang: 1 } }, role, at(3));
    d.respond({ role, accepte: true }, at(4));
  }
  // The director files first: the document lists by date, not by role.
  d.submitAnalyse({ role: 'diagnostiqueur_directeur', synthese: 'Équipe solide.' }, at(5));
  d.submitAnalyse({ role: 'diagnostiqueur_consultant', synthese: 'Gouvernance peu formalisée.' }, at(6));
  d.planEvenement({ evenement: 'mise_en_commun', debut: at(8), dureeMinutes: 180 }, at(6));
  d.recordMiseEnCommun({ compteRendu: 'Analyses convergentes.' }, at(8, 12));
  d.proposeProgramme({ rencontres: ['La direction', 'La présidence'] }, at(9));
  d.respondProgramme({ accepte: true, par: 'Claire Martin' }, at(10));
  d.planEvenement({ evenement: 'journee_sur_site', debut: at(15) }, at(10));
  d.recordJournee({ compteRendu: 'Rencontres faites.' }, at(15, 17));
  d.recordDebriefing({ pistes: ['Formaliser les délégations'] }, at(16));
  d.askPrecisions({ question: 'Combien de départs en 2026 ?' }, at(17));
  d.askPrecisions({ question: 'Quel budget 2027 ?' }, at(17, 10));
  d.answerPrecisions({ numero: 2, reponse: '1,2 M€.', par: 'Claire Martin' }, at(18));
  d.submitRapportIndividuel({ role: 'diagnostiqueur_directeur', forces: 'Équipe.', faiblesses: 'Délégations.', preconisations: ['Déléguer'] }, at(19));
  d.submitRapportIndividuel({ role: 'diagnostiqueur_consultant', forces: 'Projet.', faiblesses: 'Bureau.', preconisations: ['Clarifier'] }, at(20));
  d.submitRapportCroise({ constats: 'Une gouvernance à clarifier.', preconisations: ['Formaliser les délégations'] }, at(21));
  d.comment({ commentaire: 'Le bureau est sous-estimé.', par: 'Jean Dubois' }, at(22));
  d.amend({ preconisations: ['Formaliser les délégations', 'Clarifier le rôle du bureau'], motif: 'Précision de la présidence' }, at(23));
  d.planEvenement({ evenement: 'revue_finale', debut: at(26) }, at(23));
  d.conclude({ conclusions: 'Gouvernance à clarifier.', accompagnement: 'compagnonnage' }, at(26, 11));
  return d;
}

describe('the suivi document of a Diagnostic (seed 000)', () => {
  const doc = documentSuivi(diagnosticConclu().state, GENERE) as DocumentSuiviDiagnostic;

  it('has one, like the other dispositifs: the crossed report, the ML’s say on it, the conclusions with the accompaniment proposed', () => {
    expect(doc).toMatchObject({ dispositif: 'diagnostic', titre: 'Document de suivi — Diagnostic — Mission Locale du Pays de Caux', etape: 'cloture' });
    expect(doc.parties.rapportCroise).toMatchObject({
      titre: 'Rapport de diagnostic',
      renseigne: true,
      constats: 'Une gouvernance à clarifier.',
      preconisations: ['Formaliser les délégations', 'Clarifier le rôle du bureau'],
      version: 2,
      retoursMl: [{ commentaire: 'Le bureau est sous-estimé.', par: 'Jean Dubois', version: 1 }],
      modifications: [{ motif: 'Précision de la présidence' }],
    });
    expect(doc.parties.conclusion).toMatchObject({ renseignee: true, conclusions: 'Gouvernance à clarifier.', accompagnement: 'Compagnonnage' });
    expect(doc.parties.programme).toMatchObject({ renseigne: true, rencontres: ['La direction', 'La présidence'], validation: { accepte: true } });
    expect(doc.parties.debriefing).toMatchObject({ renseigne: true, pistes: ['Formaliser les délégations'] });
    expect(doc.binome.map((b) => `${b.nom} (${b.region})`)).toEqual(['Marc Petit (Île-de-France)', 'Paul Le Gall (Bretagne)']);
  });

  it('lists the analyses, the rapports normés, the questions to the ML and the meetings in date order', () => {
    expect(doc.parties.analyses.liste.map((a) => a.nom)).toEqual(['Paul Le Gall', 'Marc Petit']);
    expect(doc.parties.rapportsIndividuels.liste.map((a) => a.nom)).toEqual(['Paul Le Gall', 'Marc Petit']);
    expect(doc.parties.precisions.liste.map((p) => [p.numero, p.reponse?.texte])).toEqual([
      [1, undefined],
      [2, '1,2 M€.'],
    ]);
    expect(doc.parties.rendezVous.liste.map((r) => [r.evenement, r.tenu])).toEqual([
      ['mise_en_commun', true],
      ['journee_sur_site', true],
      ['revue_finale', true],
    ]);
  });

  it('renders as one French HTML page, with the times of Paris, escaping what people typed', () => {
    const d = diagnosticConclu();
    d.state.rapportCroise!.constats = 'Bureau <script>alert(1)</script>';
    const html = renderDocumentSuivi(documentSuivi(d.state, GENERE));
    for (const titre of ['Rapport de diagnostic', 'Revue finale et conclusions', 'Rendez-vous du diagnostic', 'Analyses individuelles', 'Rapports normés'])
      expect(html).toContain(`<h2>${titre}</h2>`);
    expect(html).toContain('Accompagnement proposé à la Mission Locale : Compagnonnage.');
    expect(html).toContain('Convenu avec la direction');
    expect(html).toMatch(/vendredi 8 janvier 2027 à 10 h 00/); // the mise en commun, 09:00 UTC in Paris
    expect(html).not.toMatch(/undefined|\[object Object\]/);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('says what is still to come in a dossier just accepted', () => {
    const d = new DiagnosticDossier(input('DGN-0A1B2C3D4F'), at(1));
    d.accept({ interlocutrice: INTERLOCUTRICE }, at(2));
    const vide = documentSuivi(d.state, GENERE) as DocumentSuiviDiagnostic;
    expect(vide.parties.rapportCroise.renseigne).toBe(false);
    expect(vide.parties.conclusion.renseignee).toBe(false);
    expect(renderDocumentSuivi(vide)).toContain('À venir : le binôme croise ses rapports normés');
  });

  it('says what the diagnostic led to, and a dossier it led to says where it came from (issue #14)', () => {
    const d = diagnosticConclu();
    d.state.aConduitA = 'APC-0123456789';
    const doc = documentSuivi(d.state, GENERE);
    expect(doc.aConduitA).toBe('APC-0123456789');
    expect(renderDocumentSuivi(doc)).toContain('<dt>A conduit au dossier</dt><dd>APC-0123456789</dd>');
    const suite = new DiagnosticDossier({ ...input('DGN-0A1B2C3D4E'), issuDe: 'DGN-9999999999' }, at(1));
    expect(suite.state.issuDe).toBe('DGN-9999999999');
    expect(renderDocumentSuivi(documentSuivi(suite.state, GENERE))).toContain('<dt>Issu du diagnostic</dt><dd>DGN-9999999999</dd>');
  });
});

describe('every list of the suivi documents is in date order', () => {
  const base = {
    dossierId: 'X',
    etape: 'accompagnement',
    creeLe: at(1),
    demande: { missionLocale: { code: 'ML-R', nom: 'Mission Locale de Rouen', region: 'NOR' } },
    agenda: {},
    timeline: [],
  };

  it('Compagnonnage: the sessions and the sessions to come', () => {
    const seance = (numero: number, date: string) => ({
      numero,
      date,
      dureeMinutes: 60,
      resume: `Séance ${numero}`,
      enregistreePar: 'intervenant',
      statut: 'confirmee',
    });
    const state = {
      ...base,
      dispositif: 'compagnonnage',
      ficheSuivi: {
        seances: [seance(1, '2027-01-12'), seance(2, '2027-01-05'), seance(3, '2027-01-08')],
        prochaines: [
          { debut: at(20), dureeMinutes: 60 },
          { debut: at(15), dureeMinutes: 60 },
        ],
      },
      heures: { forfaitMinutes: 1440, consommeesMinutes: 180, extensions: [] },
    } as unknown as CompagnonnageState;
    const doc = documentSuivi(state, GENERE) as DocumentSuiviCompagnonnage;
    expect(doc.parties.ficheSuivi.seances.map((s) => s.numero)).toEqual([2, 3, 1]);
    expect(doc.parties.ficheSuivi.prochaines.map((p) => p.debut)).toEqual([at(15), at(20)]);
  });

  it('Appui Conseil: the milestones, the rétroplanning, the intervention days, the trips, the calls, the extensions', () => {
    const state = {
      ...base,
      dispositif: 'appui_conseil',
      membresReseau: [],
      livrables: [],
      ficheSuiviIntermediaire: {
        planAction: [
          {
            numero: 1,
            intitule: 'Trésorerie',
            responsable: { nom: 'Claire Martin', email: 'c@ml.fr' },
            jalons: [
              { libelle: 'Tard', date: at(28) },
              { libelle: 'Tôt', date: at(10) },
            ],
          },
        ],
        journees: [
          { numero: 1, intervenant: 'Marc Petit', date: '2027-01-14', demiJournees: 2, objet: 'B' },
          { numero: 2, intervenant: 'Marc Petit', date: '2027-01-07', demiJournees: 1, objet: 'A' },
        ],
        deplacements: [
          { numero: 1, qui: 'Marc Petit', ou: 'Rouen', quand: at(25), pourquoi: 'B', coutEstimeEuros: 100, statut: 'approuve', demandeLe: at(3) },
          { numero: 2, qui: 'Marc Petit', ou: 'Rouen', quand: at(12), pourquoi: 'A', coutEstimeEuros: 100, statut: 'en_attente', demandeLe: at(4) },
        ],
        appels: [
          { avec: 'ml', date: at(20), resume: 'Deuxième' },
          { avec: 'intervenants', date: at(11), resume: 'Premier' },
        ],
      },
      budget: {
        demiJourneesRealisees: 3,
        extensions: [
          { demiJournees: 2, motif: 'Deuxième', le: at(22) },
          { demiJournees: 2, motif: 'Première', le: at(18) },
        ],
        alerte15Envoyee: false,
      },
    } as unknown as AppuiConseilState;
    const s = (documentSuivi(state, GENERE) as DocumentSuiviAppuiConseil).parties.ficheSuiviIntermediaire;
    expect(s.planAction[0]!.jalons.map((j) => j.libelle)).toEqual(['Tôt', 'Tard']);
    expect(s.retroplanning.map((j) => j.libelle)).toEqual(['Tôt', 'Tard']);
    expect(s.journees.liste.map((j) => j.objet)).toEqual(['A', 'B']);
    expect(s.deplacements.map((d) => d.pourquoi)).toEqual(['A', 'B']);
    expect(s.appels.map((a) => a.resume)).toEqual(['Premier', 'Deuxième']);
    expect(s.journees.extensions.map((e) => e.motif)).toEqual(['Première', 'Deuxième']);
  });
});
