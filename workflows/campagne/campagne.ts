// A regional campaign (seed 004's démarche de progrès over every ML of a région; seed 002's survey), from its creation
// to its closure. Reads top to bottom: state -> handlers -> the process as named, awaited steps. Each ML's état des
// lieux, projet de structure and dialogues de gestion run in its own child (ml.ts), cancelled with the campaign.
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { LIBELLES_PHASES, type Phase } from '../../domain/campagne';
import { REGIONS } from '../../domain/regions';
import { Calendrier } from '../shared/agenda';
import { actionRegistrar, now } from '../shared/handlers';
import { journalDesCourriels, Notifier } from '../shared/notify';
import { CAMPAGNE, DISPOSITIF, PHASE, REGION } from '../shared/search-attributes';
import { vivier } from '../shared/vivier';
import { CampagneDossier } from './campagne-dossier';
import * as M from './messages';
import { mlCampagne } from './ml';
import { idMlCampagne, type CampagneInput, type CampagneState } from './state';

export async function campagne(input: CampagneInput): Promise<CampagneState> {
  // --- State -------------------------------------------------------------------------------------------------------
  const c = new CampagneDossier(input, now());
  const s = c.state;
  const notifier = new Notifier(
    () => ({ dossierId: input.campagneId, dispositif: 'campagne', mlNom: input.nom, regionNom: REGIONS[input.region] }),
    true,
    journalDesCourriels(() => s),
  );
  const unml = () => [s.contactUnml];
  const consultant = () => ({ nom: s.consultant.nom, email: s.consultant.email });
  const calendrier = new Calendrier(input.campagneId, () => s.agenda, notifier);
  const enfants = new Map<string, ChildWorkflowHandle<typeof mlCampagne>>();
  const process = new CancellationScope();
  let enfantsDemarres = false;
  const sync = (): void =>
    upsertSearchAttributes([
      { key: DISPOSITIF, value: 'campagne' },
      { key: REGION, value: input.region },
      { key: CAMPAGNE, value: input.campagneId },
      { key: PHASE, value: s.phase },
    ]);
  sync();
  // Emails asked for by an action follow its answer, in order (the outbox waits to be empty before the campaign ends).
  const on = actionRegistrar(
    () => c.vue(),
    () => sync(),
    () => true,
    (apply) => notifier.differer(apply),
  );
  setHandler(M.getCampagne, () => c.vue());

  // --- Handlers ----------------------------------------------------------------------------------------------------
  on(
    M.enregistrerEntretienContextuel,
    (i, at) => c.checkEntretienContextuel(i, at),
    (i, at) => c.entretienContextuel(i, at),
  );
  on(
    M.planifierReunion,
    (i, at) => c.checkPlanifierReunion(i, at),
    async (i, at) => {
      const { cle, reunion } = c.planifierReunion(i, at);
      await calendrier.planifier(
        cle,
        { titre: reunion.titre, debut: reunion.debut, dureeMinutes: reunion.dureeMinutes, ...(reunion.lien ? { lien: reunion.lien } : {}) },
        reunion.invites,
        {
          kind: 'invitation_reunion_campagne',
          reunion: reunion.type,
          titre: reunion.titre,
          debut: reunion.debut,
          dureeMinutes: reunion.dureeMinutes,
          ...(reunion.lieu ? { lieu: reunion.lieu } : {}),
          ...(reunion.lien ? { lien: reunion.lien } : {}),
          ...(reunion.territoire ? { territoire: reunion.territoire } : {}),
        },
        unml(),
      );
    },
  );
  on(
    M.annulerReunion,
    (i) => c.checkAnnulerReunion(i),
    async (i, at) => {
      c.annulerReunion(i, at);
      await calendrier.annuler(i.cle, i.motif);
    },
  );
  on(
    M.enregistrerPresence,
    (i, at) => c.checkPresence(i, at),
    (i, at) => c.presence(i, at),
  );
  on(
    M.diffuserSupport,
    (i) => c.checkSupport(i),
    async (i, at) => {
      c.support(i, at);
      // Each ML acknowledges the support and its commitments from its direction's or présidence's link.
      const mls = c.presentes();
      await notifier.send(
        mls.flatMap((m) => [m.direction, m.presidence]),
        { kind: 'support_demarche', nomSupport: i.nom.trim(), ...(i.url ? { url: i.url } : {}) },
        [...unml(), consultant()],
        { nom: 'support-demarche', role: 'ml' },
      );
    },
  );
  on(
    M.accuserSupport,
    (i) => c.checkAccuserSupport(i),
    (i, at) => c.accuserSupport(i, at),
  );
  on(
    M.passerPhase,
    (i) => c.checkPasserPhase(i),
    async (i, at) => {
      if (i.phase === 'analyse_transversale') c.cloreEtatDesLieux(i, at);
      c.moveTo(i.phase, at, i.motif, i);
      // The answer comes once every ML's child has started: the next call may act on any of them.
      if (i.phase === 'etat_des_lieux') await condition(() => enfantsDemarres);
    },
  );
  on(
    M.retirerMl,
    (i) => c.checkRetirerMl(i),
    async (i, at) => {
      const ml = c.retirerMl(i, at);
      if (enfants.has(i.ml)) await getExternalWorkflowHandle(idMlCampagne(input.campagneId, i.ml)).signal(M.retirerDeLaCampagne, { motif: i.motif.trim() });
      await notifier.send([ml.direction, ml.presidence], { kind: 'ml_retiree_campagne', mlNom: ml.nom, motif: i.motif.trim() }, [
        consultant(),
        ...c.financeurs(),
        ...unml(),
      ]);
    },
  );
  on(
    M.enregistrerAnalyse,
    (i) => c.checkAnalyse(i),
    (i, at) => c.analyse(i, at),
  );
  on(
    M.lancerEnquete,
    () => c.checkLancerEnquete(),
    async (i, at) => {
      c.lancerEnquete(i, at);
      await notifier.send(
        c.directions(),
        { kind: 'enquete_campagne', questions: s.enquete!.questions.map((q) => q.libelle), ...(i.reponsesAvant ? { reponsesAvant: i.reponsesAvant } : {}) },
        unml(),
        { nom: 'enquete', role: 'ml' },
      );
    },
  );
  on(
    M.repondreEnquete,
    (i) => c.checkRepondreEnquete(i),
    (i, at) => c.repondreEnquete(i, at),
  );
  on(
    M.enregistrerIndicateurs,
    (i) => c.checkIndicateurs(i),
    (i, at) => c.indicateurs(i, at),
  );
  on(
    M.cloturerCampagne,
    () => c.checkCloturer(),
    (i, at) => c.terminer('cloturee', i.motif, at, i),
  );
  on(
    M.annulerCampagne,
    (i) => c.checkAnnuler(i),
    (i, at) => c.terminer('annulee', i.motif, at, i),
  );
  setHandler(M.etatDesLieuxModifie, (e) => c.etatDesLieuxRecu(e, now()));
  setHandler(M.axe3Arrete, (a) => c.axe3Recu(a, now()));

  // --- The process -------------------------------------------------------------------------------------------------
  // seed 004, in order: cadrage, état des lieux per structure, analyse transversale, then the projets de structure.
  try {
    await process.run(async () => {
      const rappels = calendrier.rappels(
        input.delais.rappels ?? [],
        () => c.termine,
        async (_cle, e) => {
          const { titre, debut, dureeMinutes, lien } = e;
          await notifier.send(e.participants, { kind: 'rappel_evenement', titre, debut, dureeMinutes, ...(lien ? { lien } : {}) });
        },
      );
      for (const etape of [cadrage, etatDesLieux, analyseTransversale, suivi]) if (!c.termine) await etape();
      await rappels;
    });
  } catch (err) {
    // Cancelled from outside (an operator in the Temporal UI): the campaign is cancelled, everyone told.
    if (!isCancellation(err)) throw err;
    if (!c.termine) c.terminer('annulee', 'Campagne annulée depuis Temporal', now());
  }
  // Every action in flight finishes first (its emails join the outbox), then the last emails go.
  await CancellationScope.nonCancellable(async () => {
    await condition(allHandlersFinished);
    await fin();
  });
  return s;

  // --- Steps -------------------------------------------------------------------------------------------------------
  /** Phase 1: everyone learns of the campaign and its calendar; interviews, meetings and the support until UNML moves on. */
  async function cadrage(): Promise<void> {
    const phases = (Object.keys(LIBELLES_PHASES) as Phase[]).map((p) => ({ libelle: LIBELLES_PHASES[p], ...s.calendrier[p] }));
    await notifier.send(c.tous(), { kind: 'campagne_lancee', nomCampagne: s.nom, phases, consultant: consultant() }, unml());
    await condition(() => s.phase !== 'cadrage');
  }

  /** Phase 3: the transversal analysis and a restitution per territory, until UNML moves on to the projets de structure. */
  async function analyseTransversale(): Promise<void> {
    await annoncerPhase();
    await condition(() => s.phase !== 'analyse_transversale');
  }

  /** After: each ML's child follows its projet de structure and dialogues de gestion until the campaign is closed. */
  async function suivi(): Promise<void> {
    await annoncerPhase();
    await condition(() => c.termine);
  }

  /** The funders and the consultant (UNML in copy) learn of the phase the campaign enters. */
  async function annoncerPhase(): Promise<void> {
    const p = s.phase;
    const periode = p === 'etat_des_lieux' || p === 'analyse_transversale' ? s.calendrier[p] : undefined;
    await notifier.send(
      [...c.financeurs(), consultant()],
      {
        kind: 'phase_campagne',
        phase: p === 'suivi' ? 'suivi des projets de structure' : LIBELLES_PHASES[p as Phase],
        ...(periode ? { debut: periode.debut, fin: periode.fin } : {}),
        ...(p === 'analyse_transversale' ? { progression: c.progression.texte } : {}),
        ...(p === 'analyse_transversale' && s.clotureEtatDesLieux ? { manquantes: s.clotureEtatDesLieux.manquantes } : {}),
      },
      unml(),
    );
  }

  /**
   * Closed or cancelled: the children still running (following their projets de structure) are cancelled — their parent
   * close policy would do it too, once this run closes —, meetings to come cancelled, everyone told, every email gone.
   */
  async function fin(): Promise<void> {
    // The children still running (following their projets de structure) end: told by a signal, then awaited, so that the
    // campaign ends after them and its close policy has none left to cancel (a child cancelled at the end of a campaign
    // did not always end on the time-skipping server). Runs recorded before cancel them and end at once, as they did.
    const parSignal = patched('campagne-fin-par-signal');
    for (const [code, enfant] of enfants) {
      if (c.ml(code)?.retrait) continue;
      try {
        if (parSignal)
          await enfant.signal(M.finDeCampagne, { motif: s.phase === 'annulee' ? `Campagne annulée : ${s.issue?.motif ?? ''}` : 'Campagne clôturée' });
        else await getExternalWorkflowHandle(enfant.workflowId).cancel();
      } catch {
        // Already closed.
      }
    }
    if (parSignal) for (const enfant of enfants.values()) await enfant.result().catch(() => undefined);
    // The neutral consultant's reservation (made by the API at creation) goes back to the pool. Idempotent.
    await vivier.libererIntervenant({ dossierId: input.campagneId, motif: `Campagne ${s.phase === 'annulee' ? 'annulée' : 'clôturée'}`, par: 'systeme' });
    if (s.phase === 'annulee') {
      await calendrier.annulerAVenir('Campagne annulée');
      await notifier.send(c.tous(), { kind: 'campagne_annulee', motif: s.issue?.motif ?? 'Campagne annulée' }, unml());
    } else await notifier.send(c.tous(), { kind: 'campagne_cloturee', ...(s.issue ? { motif: s.issue.motif } : {}) }, unml());
    await notifier.vider();
    sync();
  }

  /** Phase 2: one child per ML still in the campaign; the phase ends when all are validated or UNML closes it. */
  async function etatDesLieux(): Promise<void> {
    const mls = c.presentes();
    const handles = await Promise.all(
      mls.map((ml) =>
        startChild(mlCampagne, {
          workflowId: idMlCampagne(input.campagneId, ml.code),
          args: [
            {
              campagneId: input.campagneId,
              nomCampagne: input.nom,
              region: input.region,
              ml: { code: ml.code, nom: ml.nom, direction: ml.direction, presidence: ml.presidence, ...(ml.adjoint ? { adjoint: ml.adjoint } : {}) },
              territoire: ml.territoire,
              consultant: s.consultant,
              contactUnml: s.contactUnml,
              financeurs: c.financeurs(),
              delais: input.delais,
              finEtatDesLieux: s.calendrier.etat_des_lieux.fin,
            },
          ],
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        }),
      ),
    );
    handles.forEach((h, k) => enfants.set(mls[k]!.code, h));
    enfantsDemarres = true;
    await annoncerPhase();
    await condition(() => c.termine || s.phase !== 'etat_des_lieux' || c.progression.complet);
    if (s.phase === 'etat_des_lieux') c.moveTo('analyse_transversale', now(), c.progression.texte);
  }
}
