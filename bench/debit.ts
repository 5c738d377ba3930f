// Row 1, dossier throughput: N Compagnonnage demands through the API (POST /api/demandes, then POST …/decliner with
// its motif: the cheapest honest path to a closed outcome), each awaited until its workflow has completed, emails
// to the SMTP sink; beside it N bare workflows with the same number of activities (before and after the update)
// and timers as one product dossier's history, started, updated and awaited by a plain client. Same width (in
// flight at once) on both sides.
import type { temporal } from '@temporalio/proto';
import { demandeApi } from '../test/helpers/compagnonnage';
import { arrondi, enParallele, type Ligne, type Options } from './common';
import { decider, dossierNu, type DossierNu } from './bare.workflows';
import { FILE_NUE, type BenchStack } from './stack';

const TITRE = 'Débit de dossiers (demande → déclinée)';

/** What a dossier's history asked of Temporal: activities before the first update, after it, and timers. */
export function commandes(events: temporal.api.history.v1.IHistoryEvent[]): DossierNu {
  let avant = 0;
  let apres = 0;
  let minuteries = 0;
  let update = false;
  for (const e of events) {
    if (e.workflowExecutionUpdateAcceptedEventAttributes) update = true;
    if (e.activityTaskScheduledEventAttributes) {
      if (update) apres++;
      else avant++;
    }
    if (e.timerStartedEventAttributes) minuteries++;
  }
  return { avant, apres, minuteries };
}

export async function ligneDebit(s: BenchStack, o: Options): Promise<Ligne> {
  const n = o.quick ? 20 : 1000;
  const largeur = 10;
  const produit = async () => {
    const { dossierId } = await s.appel<{ dossierId: string }>('POST', '/api/demandes', demandeApi());
    await s.appel('POST', `/api/dossiers/${dossierId}/decliner`, { motif: 'Ressources épuisées cette année (bench)' });
    await s.client.workflow.getHandle(dossierId).result();
    return dossierId;
  };
  // Warm-up, and the shape of one dossier to give the bare workflow.
  const premier = await produit();
  const { events } = await s.client.workflow.getHandle(premier).fetchHistory();
  const forme = commandes(events ?? []);
  let k = 0;
  const nu = async () => {
    const h = await s.nu.workflow.start(dossierNu, { taskQueue: FILE_NUE, workflowId: `bench-nu-${process.pid}-${++k}`, args: [forme] });
    await h.executeUpdate(decider, { args: ['declinee'] });
    await h.result();
  };
  await nu();

  const mailsAvant = s.api.mails().length;
  let t0 = performance.now();
  await enParallele(n, largeur, async () => void (await produit()));
  const msProduit = performance.now() - t0;
  const mails = s.api.mails().length - mailsAvant;
  t0 = performance.now();
  await enParallele(n, largeur, nu);
  const msNu = performance.now() - t0;

  const pProduit = n / (msProduit / 1000);
  const pNu = n / (msNu / 1000);
  const ratio = pProduit / pNu;
  return {
    ligne: 1,
    titre: TITRE,
    mesure: true,
    mesures: [
      {
        nom: 'dossiers/s',
        unite: 'dossiers/s',
        produit: arrondi(pProduit),
        nu: arrondi(pNu),
        ratio: arrondi(ratio),
        objectif: '≥ 0,7 × nu',
        atteint: ratio >= 0.7,
      },
    ],
    details: { n, enVol: largeur, commandesParDossier: forme, emailsRecusParLeSink: mails, msProduit: Math.round(msProduit), msNu: Math.round(msNu) },
  };
}
