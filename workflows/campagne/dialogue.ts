// The yearly dialogue de gestion of one Mission Locale (seed 004): between the State, the Région and the ML, it reviews
// the plan d'action of the projet de structure and settles axe 3 ("le choix final de la Région sera argumenté"). Started
// by the ML's Schedule (activities/campagne.ts) or by hand for one year. Reads top to bottom: state -> handlers -> the process.
import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { dateHeureFr, nombreFr } from '../../domain/format';
import { REGIONS } from '../../domain/regions';
import { Calendrier } from '../shared/agenda';
import { entreeChronologie, type Role } from '../shared/dossier-base';
import { actionRegistrar, now } from '../shared/handlers';
import { journalDesCourriels, Notifier } from '../shared/notify';
import { refuse } from '../shared/refusal';
import { CAMPAGNE, DISPOSITIF, ETAPE, MISSION_LOCALE } from '../shared/search-attributes';
import type { Par } from '../shared/state';
import { activitesCampagne } from './activites';
import * as M from './messages';
import { idMlCampagne, type ContexteDialogue, type DialogueGestionInput, type DialogueGestionState } from './state';

const DAY = 86_400_000;
const texte = (s: string | undefined): boolean => typeof s === 'string' && s.trim().length > 0;

/** The dialogue's plain rules: each action's check (a French refusal) and apply. */
export class DialogueGestion {
  readonly state: DialogueGestionState;

  constructor(input: DialogueGestionInput, annee: number) {
    this.state = { campagneId: input.campagneId, ml: input.ml, annee, statut: 'a_preparer', agenda: {}, timeline: [] };
  }

  record(at: string, role: Role, evenement: string, details?: string, par?: string | Par): void {
    this.state.timeline.push(entreeChronologie(at, role, evenement, details, par));
  }

  private contexte(): ContexteDialogue {
    const s = this.state;
    if (s.statut === 'tenu') refuse(`Le dialogue de gestion ${s.annee} est déjà enregistré.`);
    if (s.statut === 'sans_objet' || s.statut === 'non_tenu') refuse(`Le dialogue de gestion ${s.annee} est clos : ${s.sansObjet ?? 'non tenu'}.`);
    if (!s.contexte) refuse('Le dialogue de gestion se prépare (lecture de la campagne) : réessayez dans un instant.');
    return s.contexte;
  }

  checkPlanifier(i: M.PlanifierDialogueInput, at: string): void {
    this.contexte();
    if (Number.isNaN(Date.parse(i.debut)) || Date.parse(i.debut) <= Date.parse(at))
      refuse('Le dialogue de gestion se planifie à une date et une heure à venir (ISO 8601).');
  }

  planifier(i: M.PlanifierDialogueInput, at: string): void {
    this.state.reunion = {
      debut: i.debut,
      dureeMinutes: i.dureeMinutes ?? 120,
      ...(texte(i.lieu) ? { lieu: i.lieu } : {}),
      ...(texte(i.lien) ? { lien: i.lien } : {}),
    };
    this.state.statut = 'planifie';
    this.record(at, 'unml', 'Dialogue de gestion planifié', dateHeureFr(i.debut), i);
  }

  checkEnregistrer(i: M.EnregistrerDialogueInput): void {
    const c = this.contexte();
    if (!texte(i.revuePlanAction)) refuse('Indiquez la revue du plan d’action du projet de structure.');
    if (!texte(i.axe3?.motif)) refuse('Le choix de l’axe 3 est argumenté (seed 004) : indiquez son motif.');
    const attendus = c.indicateursAxe3.map((x) => x.code);
    const manquants = c.indicateursAxe3.filter((x) => i.axe3.valeurs[x.code] === undefined).map((x) => x.libelle);
    if (manquants.length) refuse(`Il manque la valeur de l’axe 3 pour : ${manquants.join(' ; ')}.`);
    for (const [code, v] of Object.entries(i.axe3.valeurs)) {
      if (!attendus.includes(code)) refuse(`${code} n’est pas un indicateur de l’axe 3.`);
      if (!Number.isInteger(v) || v < 0) refuse(`La valeur de ${code} doit être un entier positif ou nul.`);
    }
  }

  enregistrer(i: M.EnregistrerDialogueInput, at: string): void {
    this.state.tenu = {
      annee: this.state.annee,
      le: at,
      revuePlanAction: i.revuePlanAction.trim(),
      axe3: { valeurs: i.axe3.valeurs, motif: i.axe3.motif.trim() },
    };
    this.state.statut = 'tenu';
    this.record(at, 'unml', 'Dialogue de gestion tenu', i.axe3.motif.trim(), i);
  }
}

export async function dialogueDeGestion(input: DialogueGestionInput): Promise<DialogueGestionState> {
  // --- State -------------------------------------------------------------------------------------------------------
  const annee = input.annee ?? new Date(now()).getUTCFullYear();
  const g = new DialogueGestion(input, annee);
  const s = g.state;
  const notifier = new Notifier(
    () => ({
      dossierId: workflowInfo().workflowId,
      dispositif: 'campagne',
      mlNom: s.contexte?.ml.nom ?? input.ml,
      regionNom: s.contexte ? REGIONS[s.contexte.region] : '',
    }),
    true,
    journalDesCourriels(() => s),
  );
  const calendrier = new Calendrier(workflowInfo().workflowId, () => s.agenda, notifier);
  const participants = () => (s.contexte ? [s.contexte.ml.direction, ...s.contexte.financeurs] : []);
  const unml = () => (s.contexte ? [s.contexte.contactUnml] : []);
  const relance = input.relanceDialogue ?? 30 * DAY;
  const sync = () =>
    upsertSearchAttributes([
      { key: DISPOSITIF, value: 'campagne' },
      { key: CAMPAGNE, value: input.campagneId },
      { key: MISSION_LOCALE, value: input.ml },
      { key: ETAPE, value: `dialogue_${s.statut}` },
    ]);
  sync();
  const on = actionRegistrar(
    () => s,
    () => sync(),
    () => true,
    (apply) => notifier.differer(apply),
  );
  setHandler(M.getDialogue, () => s);

  // --- Handlers ----------------------------------------------------------------------------------------------------
  on(
    M.planifierDialogue,
    (i, at) => g.checkPlanifier(i, at),
    async (i, at) => {
      g.planifier(i, at);
      const r = s.reunion!;
      const titre = `Dialogue de gestion ${annee} – ${s.contexte!.ml.nom}`;
      await calendrier.planifier(
        'dialogue_gestion',
        { titre, debut: r.debut, dureeMinutes: r.dureeMinutes, ...(r.lien ? { lien: r.lien } : {}) },
        participants(),
        {
          kind: 'invitation_reunion_campagne',
          reunion: 'dialogue_gestion',
          titre,
          debut: r.debut,
          dureeMinutes: r.dureeMinutes,
          ...(r.lieu ? { lieu: r.lieu } : {}),
          ...(r.lien ? { lien: r.lien } : {}),
        },
        unml(),
      );
    },
  );
  on(
    M.enregistrerDialogue,
    (i) => g.checkEnregistrer(i),
    async (i, at) => {
      g.enregistrer(i, at);
      const tenu = s.tenu!;
      // The campaign settles axe 3 of the year's funding; the ML's child keeps the dialogue with its projet de structure.
      await signaler(input.campagneId, (h) => h.signal(M.axe3Arrete, { annee, ml: input.ml, valeurs: tenu.axe3.valeurs, motif: tenu.axe3.motif }));
      await signaler(idMlCampagne(input.campagneId, input.ml), (h) => h.signal(M.dialogueTenu, tenu));
      const libelle = (code: string) => s.contexte!.indicateursAxe3.find((x) => x.code === code)?.libelle ?? code;
      await notifier.send(
        participants(),
        {
          kind: 'dialogue_gestion_tenu',
          annee,
          revuePlanAction: tenu.revuePlanAction,
          axe3: Object.entries(tenu.axe3.valeurs).map(([code, v]) => ({ libelle: libelle(code), valeur: nombreFr(v) })),
          motif: tenu.axe3.motif,
        },
        unml(),
      );
    },
  );

  // --- The process -------------------------------------------------------------------------------------------------
  if (await preparer()) await attendreLeCompteRendu();
  // The recording's own emails join the outbox once its handler has finished: wait for it, then for them.
  await condition(allHandlersFinished);
  await notifier.vider();
  sync();
  return s;

  // --- Steps -------------------------------------------------------------------------------------------------------
  /** Reads the campaign; the ML's direction and the funders get the figures of year n-1 and the plan d'action to review. */
  async function preparer(): Promise<boolean> {
    const contexte = await activitesCampagne('Contexte du dialogue de gestion').contexteDialogue({ campagneId: input.campagneId, ml: input.ml, annee });
    if (contexte.sansObjet) {
      s.statut = 'sans_objet';
      s.sansObjet = contexte.sansObjet;
      g.record(now(), 'systeme', 'Dialogue de gestion sans objet', contexte.sansObjet);
      return false;
    }
    s.contexte = contexte;
    g.record(now(), 'systeme', `Dialogue de gestion ${annee} à préparer`, contexte.ml.nom);
    const chiffres = contexte.chiffres && {
      annee: contexte.chiffres.annee,
      lignes: Object.entries(contexte.chiffres.valeurs).map(([code, v]) => ({ libelle: contexte.libelles?.[code] ?? code, valeur: nombreFr(v) })),
    };
    await notifier.send(
      participants(),
      {
        kind: 'dialogue_gestion_a_preparer',
        annee,
        ...(chiffres ? { chiffres } : {}),
        planAction: contexte.planAction.map((a) => a.action),
        axe3: contexte.indicateursAxe3.map((x) => x.libelle),
      },
      unml(),
    );
    return true;
  }

  /** UNML records it; reminded after `relance`, closed as not held after twice as long again. */
  async function attendreLeCompteRendu(): Promise<void> {
    const tenu = () => s.statut === 'tenu';
    if (await condition(tenu, relance)) return;
    await notifier.send(unml(), { kind: 'relance_dialogue_gestion', annee });
    if (await condition(tenu, 2 * relance)) return;
    s.statut = 'non_tenu';
    s.sansObjet = 'aucun compte rendu enregistré';
    g.record(now(), 'systeme', 'Dialogue de gestion non tenu', `Aucun compte rendu ${annee}`);
  }
}

/** Signals another workflow of the campaign; one already closed (the campaign ended) is not an error here. */
async function signaler(workflowId: string, fn: (h: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>): Promise<void> {
  try {
    await fn(getExternalWorkflowHandle(workflowId));
  } catch {
    // Closed: nothing to tell.
  }
}
