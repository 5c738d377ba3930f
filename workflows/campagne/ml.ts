// One Mission Locale in a regional campaign (seed 004): its état des lieux (documents, interviews, the deliverable its
// director validates or returns from a personal link; reminders, then the consultant and UNML told), then its projet de
// structure (3 years, flagged 3 months before it expires) and the Schedule of its yearly dialogue de gestion. A child of
// the campaign (campagne.ts), cancelled with it. Reads top to bottom: state -> handlers -> the process.
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { REGIONS } from '../../domain/regions';
import { actionRegistrar, now } from '../shared/handlers';
import { journalDesCourriels, Notifier } from '../shared/notify';
import { CAMPAGNE, DISPOSITIF, ETAPE, MISSION_LOCALE, PHASE, REGION } from '../shared/search-attributes';
import { addMs, msUntil } from '../shared/waits';
import { activitesCampagne, activitesCampagneFin } from './activites';
import * as M from './messages';
import { LIBELLES_DOCUMENTS, MlCampagneDossier } from './ml-dossier';
import type { MlCampagneInput, MlCampagneState } from './state';

const jusqua = (iso: string): number => Math.max(msUntil(iso), 1);

export async function mlCampagne(input: MlCampagneInput): Promise<MlCampagneState> {
  // --- State -------------------------------------------------------------------------------------------------------
  const d = new MlCampagneDossier(input, now());
  const s = d.state;
  const { delais } = input;
  const notifier = new Notifier(
    () => ({ dossierId: s.dossierId, dispositif: 'campagne', mlNom: input.ml.nom, regionNom: REGIONS[input.region] }),
    true,
    journalDesCourriels(() => s),
  );
  const direction = () => [input.ml.direction];
  const consultant = () => [{ nom: input.consultant.nom, email: input.consultant.email }];
  const unml = () => [input.contactUnml];
  /** Bumped at each projet de structure recorded: the follow-up re-plans. */
  let projets = 0;
  const sync = (): void =>
    upsertSearchAttributes([
      { key: DISPOSITIF, value: 'campagne' },
      { key: REGION, value: input.region },
      { key: MISSION_LOCALE, value: input.ml.code },
      { key: CAMPAGNE, value: input.campagneId },
      { key: PHASE, value: d.termine ? 'terminee' : s.statut === 'valide' ? 'suivi' : 'etat_des_lieux' },
      { key: ETAPE, value: s.retrait ? 'retiree' : s.statut === 'valide' && s.projetDeStructure ? 'projet_de_structure' : s.statut },
    ]);
  sync();
  /** The campaign learns where this état des lieux stands (it may have ended: nothing then). */
  const direALaCampagne = async (): Promise<void> => {
    try {
      await getExternalWorkflowHandle(input.campagneId).signal(M.etatDesLieuxModifie, d.pourLaCampagne());
    } catch {
      // The campaign is closed: its children are being cancelled.
    }
  };
  const on = actionRegistrar(
    () => s,
    () => sync(),
    () => true,
    (apply) => notifier.differer(apply),
  );
  setHandler(M.getMlCampagne, () => s);

  // --- Handlers ----------------------------------------------------------------------------------------------------
  on(
    M.deposerDocumentEtude,
    (i) => d.checkDocument(i),
    (i, at) => d.document(i, at),
  );
  on(
    M.enregistrerEntretien,
    (i, at) => d.checkEntretien(i, at),
    (i, at) => d.entretien(i, at),
  );
  on(
    M.deposerEtatDesLieux,
    (i) => d.checkEtatDesLieux(i),
    async (i, at) => {
      const version = d.etatDesLieux(i, at);
      await direALaCampagne();
      await notifier.send(direction(), { kind: 'etat_des_lieux_a_valider', version, synthese: s.livrable!.synthese }, consultant(), {
        nom: 'valider-etat-des-lieux',
        role: 'ml',
      });
    },
  );
  on(
    M.reviserEtatDesLieux,
    (i) => d.checkRevue(i),
    async (i, at) => {
      d.revue(i, at);
      await direALaCampagne();
      const version = s.livrable!.version;
      if (i.decision === 'valider') await notifier.send([...consultant(), ...unml()], { kind: 'etat_des_lieux_valide', version }, direction());
      else await notifier.send(consultant(), { kind: 'etat_des_lieux_retourne', version, commentaires: i.commentaires!.trim() }, unml());
    },
  );
  on(
    M.signalerPointBloquant,
    (i) => d.checkPointBloquant(i),
    async (i, at) => {
      d.pointBloquant(i, at);
      await direALaCampagne();
      await notifier.send([...unml(), ...consultant()], { kind: 'point_bloquant_campagne', point: i.point.trim() });
    },
  );
  on(
    M.leverPointBloquant,
    () => d.checkLever(),
    async (i, at) => {
      const point = d.lever(i, at);
      await direALaCampagne();
      await notifier.send([...unml(), ...consultant()], { kind: 'point_bloquant_campagne', point, leve: true });
    },
  );
  on(
    M.enregistrerProjetDeStructure,
    (i) => d.checkProjet(i),
    async (i, at) => {
      const p = d.projet(i, at);
      projets++;
      await notifier.send(direction(), { kind: 'projet_structure_enregistre', valideDu: p.valideDu, valideAu: p.valideAu }, [...unml(), ...input.financeurs]);
    },
  );
  setHandler(M.retirerDeLaCampagne, ({ motif }) => {
    if (d.termine) return;
    s.retrait = { motif, le: now() };
    d.record(now(), 'unml', 'Retirée de la campagne', motif);
    sync();
  });
  setHandler(M.dialogueTenu, (dialogue) => d.dialogue(dialogue, now()));
  setHandler(M.finDeCampagne, ({ motif }) => {
    if (d.termine) return;
    s.fin = { motif, le: now() };
    d.record(now(), 'systeme', 'Campagne terminée', motif);
  });

  // --- The process -------------------------------------------------------------------------------------------------
  try {
    await CancellationScope.cancellable(async () => {
      await ouverture();
      if (await revueDeLEtatDesLieux()) await projetsDeStructure();
    });
  } catch (err) {
    // The campaign ended (closed or cancelled): its parent close policy cancels this child.
    if (!isCancellation(err)) throw err;
    s.fin ??= { motif: 'La campagne est terminée.', le: now() };
    d.record(now(), 'systeme', 'Campagne terminée');
  }
  await CancellationScope.nonCancellable(async () => {
    if (s.projetDeStructure) await activitesCampagneFin.supprimerDialoguesGestion({ campagneId: input.campagneId, ml: input.ml.code });
    // Every action in flight finishes first (its emails join the outbox), then the last emails go.
    await condition(allHandlersFinished);
    await notifier.vider();
    delete s.prochaineEcheance;
    sync();
  });
  return s;

  // --- Steps -------------------------------------------------------------------------------------------------------
  /** The direction and présidence learn what the état des lieux needs of them (the consultant and UNML in copy). */
  async function ouverture(): Promise<void> {
    await notifier.send(
      [input.ml.direction, input.ml.presidence],
      { kind: 'etat_des_lieux_ouvert', documents: Object.values(LIBELLES_DOCUMENTS), fin: input.finEtatDesLieux ?? '' },
      [...consultant(), ...unml()],
    );
  }

  /**
   * Until the director validates: each version sent waits for the review; without an answer the director is reminded,
   * then the consultant and UNML are told (seed 004 names no delay: the campaign's). False when the ML left first.
   */
  async function revueDeLEtatDesLieux(): Promise<boolean> {
    while (!d.termine && s.statut !== 'valide') {
      // Sent and already validated before this loop ran again (two updates in a row): nothing left to wait for.
      await condition(() => d.termine || s.statut === 'livrable_a_valider' || d.valide);
      if (d.termine || d.valide) break;
      const { version, deposeLe } = s.livrable!;
      const change = () => d.termine || s.statut !== 'livrable_a_valider' || s.livrable!.version !== version;
      const relanceLe = addMs(deposeLe, delais.relanceValidation);
      const escaladeLe = addMs(deposeLe, delais.escaladeValidation);
      s.prochaineEcheance = { quoi: 'Revue de l’état des lieux par la direction', le: relanceLe };
      if (!(await condition(change, jusqua(relanceLe)))) {
        s.relance = 'relancee';
        d.record(now(), 'systeme', 'Direction relancée', `Version ${version} envoyée le ${deposeLe.slice(0, 10)}`);
        await direALaCampagne();
        await notifier.send(direction(), { kind: 'relance_etat_des_lieux', version, envoyeLe: deposeLe }, consultant(), {
          nom: 'valider-etat-des-lieux',
          role: 'ml',
        });
        s.prochaineEcheance = { quoi: 'Revue de l’état des lieux (escalade)', le: escaladeLe };
        sync();
        if (!(await condition(change, jusqua(escaladeLe)))) {
          s.relance = 'escaladee';
          d.record(now(), 'systeme', 'Retard signalé au consultant et à l’UNML', `Version ${version}`);
          await direALaCampagne();
          await notifier.send([...consultant(), ...unml()], { kind: 'escalade_etat_des_lieux', version, envoyeLe: deposeLe });
          delete s.prochaineEcheance;
          sync();
          await condition(change);
        }
      }
      delete s.prochaineEcheance;
    }
    return !d.termine;
  }

  /**
   * After validation: each projet de structure recorded plans the yearly dialogue de gestion (a Schedule until its end),
   * is flagged 3 months before it expires, and pauses the Schedule once expired; a new one starts over.
   */
  async function projetsDeStructure(): Promise<void> {
    let vu = 0;
    while (!d.termine) {
      await condition(() => d.termine || projets !== vu);
      if (d.termine) return;
      vu = projets;
      const p = s.projetDeStructure!;
      const autre = () => d.termine || projets !== vu;
      const debut = `${p.valideDu}T00:00:00.000Z`;
      const finValidite = `${p.valideAu}T23:59:59.000Z`;
      const ml = { campagneId: input.campagneId, ml: input.ml.code };
      await activitesCampagne('Planification du dialogue de gestion').planifierDialoguesGestion({
        ...ml,
        premier: addMs(debut, delais.intervalleDialogue),
        fin: finValidite,
        intervalleMs: delais.intervalleDialogue,
      });
      const alerteLe = addMs(finValidite, -delais.alerteExpirationProjet);
      s.prochaineEcheance = { quoi: 'Renouvellement du projet de structure', le: alerteLe };
      sync();
      if (await condition(autre, jusqua(alerteLe))) continue;
      p.alerteLe = now();
      d.record(now(), 'systeme', 'Projet de structure à renouveler', `valable jusqu’au ${p.valideAu}`);
      await notifier.send(direction(), { kind: 'projet_structure_a_renouveler', valideAu: p.valideAu, expire: false }, [...unml(), ...input.financeurs]);
      s.prochaineEcheance = { quoi: 'Fin de validité du projet de structure', le: finValidite };
      sync();
      if (await condition(autre, jusqua(finValidite))) continue;
      p.expireLe = now();
      d.record(now(), 'systeme', 'Projet de structure expiré', p.valideAu);
      delete s.prochaineEcheance;
      await notifier.send(direction(), { kind: 'projet_structure_a_renouveler', valideAu: p.valideAu, expire: true }, [...unml(), ...input.financeurs]);
      await activitesCampagne('Dialogue de gestion suspendu').suspendreDialoguesGestion({ ...ml, motif: `Projet de structure expiré le ${p.valideAu}` });
      sync();
    }
  }
}
