// One Mission Locale in a campaign (seed 004, phase 2 and after): its documentary study, interviews, the état des lieux
// its director validates or returns, a blocking point, then its projet de structure (3 years) and dialogues de gestion.
// Plain rules: each action's check (a French refusal, changing nothing) and apply; the workflow (ml.ts) wires them.
import type { EtatDesLieuxMl } from '../../domain/campagne';
import { dateCivileFr, dateHeureFr } from '../../domain/format';
import { entreeChronologie, type Role } from '../shared/dossier-base';
import { refuse } from '../shared/refusal';
import type { Par } from '../shared/state';
import type * as M from './messages';
import { idMlCampagne, type DialogueTenu, type MlCampagneInput, type MlCampagneState, type ProjetDeStructure } from './state';

export const LIBELLES_DOCUMENTS: Record<string, string> = {
  projet: 'le projet de la structure',
  bilan_activite: 'le bilan d’activité',
  diagnostic_territorial: 'le diagnostic territorial',
  evaluation: 'les évaluations',
  autre: 'tout autre document utile',
};

const AVEC: Record<M.EntretienMlInput['avec'], string> = { president: 'le président', directeur: 'le directeur', adjoint: 'le directeur adjoint' };

const estInstant = (s: string | undefined): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s));
const estDate = (s: string | undefined): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
const texte = (s: string | undefined): boolean => typeof s === 'string' && s.trim().length > 0;

/** `valideDu` plus 3 years, the day before (seed 004: a projet de structure is valid 3 years). */
export function finDeValidite(valideDu: string): string {
  const d = new Date(`${valideDu}T00:00:00.000Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 3);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export class MlCampagneDossier {
  readonly state: MlCampagneState;

  constructor(input: MlCampagneInput, at: string) {
    this.state = {
      campagneId: input.campagneId,
      dossierId: idMlCampagne(input.campagneId, input.ml.code),
      nomCampagne: input.nomCampagne,
      region: input.region,
      ml: input.ml,
      territoire: input.territoire,
      consultant: input.consultant,
      statut: 'en_cours',
      documents: [],
      entretiens: [],
      revues: [],
      projetsPrecedents: [],
      dialogues: [],
      timeline: [],
    };
    this.record(at, 'systeme', 'État des lieux ouvert', `${input.ml.nom} (territoire ${input.territoire})`);
  }

  record(at: string, role: Role, evenement: string, details?: string, par?: string | Par): void {
    this.state.timeline.push(entreeChronologie(at, role, evenement, details, par));
  }

  get termine(): boolean {
    return Boolean(this.state.fin || this.state.retrait);
  }

  /** The état des lieux is validated (read through a getter: the state may have changed since the last check). */
  get valide(): boolean {
    return this.state.statut === 'valide';
  }

  /** What the campaign is told of this ML's état des lieux. */
  pourLaCampagne(): EtatDesLieuxMl {
    const s = this.state;
    return {
      ml: s.ml.code,
      nom: s.ml.nom,
      statut: s.retrait ? 'retiree' : s.statut,
      ...(s.pointBloquant ? { pointBloquant: s.pointBloquant.point } : {}),
      ...(s.relance ? { relance: s.relance } : {}),
    };
  }

  private refuserSiTermine(): void {
    if (this.state.retrait) refuse(`${this.state.ml.nom} a quitté la campagne : ${this.state.retrait.motif}`);
    if (this.state.fin) refuse(`La campagne est terminée : ${this.state.fin.motif}`);
  }

  private refuserSiValide(action: string): void {
    this.refuserSiTermine();
    if (this.state.statut === 'valide') refuse(`L’état des lieux de ${this.state.ml.nom} est validé : ${action} n’est plus possible.`);
  }

  checkDocument(i: M.DocumentEtudeInput): void {
    this.refuserSiValide('l’ajout d’un document');
    if (!texte(i.nom)) refuse('Le nom du document est obligatoire.');
    if (!texte(i.url) && !i.fichier) refuse('Joignez le document (un fichier) ou son adresse (url).');
  }

  document(i: M.DocumentEtudeInput, at: string): void {
    const numero = this.state.documents.length + 1;
    this.state.documents.push({
      numero,
      categorie: i.categorie,
      nom: i.nom.trim(),
      ...(texte(i.url) ? { url: i.url } : {}),
      ...(i.fichier ? { fichier: i.fichier } : {}),
      deposeLe: at,
      ...(i.par ? { par: i.par } : {}),
    });
    this.record(at, 'ml', 'Document fourni pour l’étude documentaire', `n° ${numero} : ${i.nom.trim()}`, i);
  }

  checkEntretien(i: M.EntretienMlInput, at: string): void {
    this.refuserSiValide('un entretien');
    if (i.avec === 'adjoint' && !this.state.ml.adjoint) refuse(`${this.state.ml.nom} n’a pas de directeur adjoint dans la campagne.`);
    if (!estInstant(i.date)) refuse('La date de l’entretien est invalide (date ISO 8601 attendue).');
    if (Date.parse(i.date) > Date.parse(at)) refuse('Un entretien s’enregistre une fois tenu : sa date ne peut pas être dans le futur.');
  }

  entretien(i: M.EntretienMlInput, at: string): void {
    this.state.entretiens.push({
      avec: i.avec,
      date: i.date,
      ...(texte(i.compteRendu) ? { compteRendu: i.compteRendu } : {}),
      ...(i.par ? { par: i.par } : {}),
    });
    this.record(at, 'intervenant', `Entretien avec ${AVEC[i.avec]}`, dateHeureFr(i.date), i);
  }

  /** The deliverable comes after the documentary study and the interviews (seed 004): what is missing, by name. */
  checkEtatDesLieux(i: M.EtatDesLieuxInput): void {
    this.refuserSiValide('un nouvel envoi');
    if (this.state.statut === 'livrable_a_valider') refuse(`La version ${this.state.livrable!.version} attend la revue de la direction : attendez sa réponse.`);
    if (!texte(i.nom) || !texte(i.synthese)) refuse('Le livrable a un nom et une synthèse.');
    if (!texte(i.url) && !i.fichier) refuse('Joignez le livrable (un fichier) ou son adresse (url).');
    const manque: string[] = [];
    if (this.state.documents.length === 0) manque.push('aucun document de l’étude documentaire');
    const avec = new Set(this.state.entretiens.map((e) => e.avec));
    for (const qui of ['president', 'directeur', ...(this.state.ml.adjoint ? ['adjoint' as const] : [])] as const)
      if (!avec.has(qui)) manque.push(`pas d’entretien avec ${AVEC[qui]}`);
    if (manque.length) refuse(`L’état des lieux ne peut pas encore être envoyé : ${manque.join(' ; ')}.`);
  }

  etatDesLieux(i: M.EtatDesLieuxInput, at: string): number {
    const version = (this.state.livrable?.version ?? 0) + 1;
    this.state.livrable = {
      version,
      nom: i.nom.trim(),
      ...(texte(i.url) ? { url: i.url } : {}),
      ...(i.fichier ? { fichier: i.fichier } : {}),
      synthese: i.synthese.trim(),
      deposeLe: at,
    };
    this.state.statut = 'livrable_a_valider';
    delete this.state.relance;
    this.record(at, 'intervenant', `État des lieux envoyé à la direction (version ${version})`, i.nom.trim(), i);
    return version;
  }

  checkRevue(i: M.RevueEtatDesLieuxInput): void {
    this.refuserSiTermine();
    if (this.state.statut === 'valide') refuse(`L’état des lieux de ${this.state.ml.nom} est déjà validé.`);
    if (this.state.statut !== 'livrable_a_valider') refuse('Aucun état des lieux n’attend votre revue : le consultant ne l’a pas encore (re)envoyé.');
    if (i.decision === 'retourner' && !texte(i.commentaires))
      refuse('Pour retourner l’état des lieux, indiquez vos commentaires : le consultant les reprend dans la version suivante.');
  }

  revue(i: M.RevueEtatDesLieuxInput, at: string): void {
    const version = this.state.livrable!.version;
    const decision = i.decision === 'valider' ? 'valide' : 'a_reprendre';
    this.state.revues.push({
      version,
      decision,
      ...(texte(i.commentaires) ? { commentaires: i.commentaires!.trim() } : {}),
      le: at,
      ...(i.par ? { par: i.par } : {}),
    });
    this.state.statut = decision;
    delete this.state.relance;
    this.record(
      at,
      'ml',
      i.decision === 'valider' ? `État des lieux validé (version ${version})` : `État des lieux retourné (version ${version})`,
      i.commentaires,
      i,
    );
  }

  checkPointBloquant(i: M.PointBloquantInput): void {
    this.refuserSiTermine();
    if (!texte(i.point)) refuse('Décrivez le point bloquant : il est signalé à l’UNML.');
  }

  pointBloquant(i: M.PointBloquantInput, at: string): void {
    this.state.pointBloquant = { point: i.point.trim(), le: at };
    this.record(at, 'intervenant', 'Point bloquant signalé', i.point.trim(), i);
  }

  checkLever(): void {
    this.refuserSiTermine();
    if (!this.state.pointBloquant) refuse('Aucun point bloquant n’est en cours.');
  }

  lever(i: M.LeverPointBloquantInput, at: string): string {
    const point = this.state.pointBloquant!.point;
    delete this.state.pointBloquant;
    this.record(at, 'unml', 'Point bloquant levé', i.commentaire ?? point, i);
    return point;
  }

  checkProjet(i: M.ProjetDeStructureInput): void {
    this.refuserSiTermine();
    if (this.state.statut !== 'valide') refuse('Le projet de structure s’enregistre après la validation de l’état des lieux.');
    const vides = (
      [
        ['besoinsJeunes', 'les besoins des jeunes du territoire'],
        ['offreDeService', 'l’offre de service'],
        ['moyens', 'les moyens'],
        ['besoinsNonCouverts', 'les besoins non couverts'],
      ] as const
    ).filter(([k]) => !texte(i[k]));
    if (vides.length) refuse(`Le projet de structure décrit aussi ${vides.map(([, l]) => l).join(', ')}.`);
    if (!i.planAction.some((a) => texte(a.action))) refuse('Le projet de structure comporte un plan d’action : au moins une action.');
    if (!estDate(i.valideDu)) refuse('La date de début de validité est invalide (AAAA-MM-JJ).');
    if (i.valideAu !== undefined && (!estDate(i.valideAu) || i.valideAu <= i.valideDu))
      refuse('La fin de validité doit être une date (AAAA-MM-JJ) après son début.');
  }

  projet(i: M.ProjetDeStructureInput, at: string): ProjetDeStructure {
    if (this.state.projetDeStructure) this.state.projetsPrecedents.push(this.state.projetDeStructure);
    const projet: ProjetDeStructure = {
      besoinsJeunes: i.besoinsJeunes.trim(),
      offreDeService: i.offreDeService.trim(),
      moyens: i.moyens.trim(),
      planAction: i.planAction.filter((a) => texte(a.action)).map((a) => ({ action: a.action.trim(), ...(a.echeance ? { echeance: a.echeance } : {}) })),
      besoinsNonCouverts: i.besoinsNonCouverts.trim(),
      valideDu: i.valideDu,
      valideAu: i.valideAu ?? finDeValidite(i.valideDu),
      enregistreLe: at,
    };
    this.state.projetDeStructure = projet;
    this.record(at, 'ml', 'Projet de structure enregistré', `valable du ${dateCivileFr(projet.valideDu)} au ${dateCivileFr(projet.valideAu)}`, i);
    return projet;
  }

  dialogue(d: DialogueTenu, at: string): void {
    this.state.dialogues = [...this.state.dialogues.filter((x) => x.annee !== d.annee), d].sort((a, b) => a.annee - b.annee);
    this.record(at, 'systeme', `Dialogue de gestion ${d.annee} tenu`, d.axe3.motif);
  }
}
