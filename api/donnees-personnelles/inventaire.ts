// What the product holds of one person, found by their email address (issue #15, right of access), and its erasure
// where no duty keeps it. Dossiers and campaigns are read from Temporal (every run still on the server, queried: the
// worker must run); the pool and the staff accounts from SQL; the development sink's emails from its folder.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ComptesStore } from '../../db/comptes-store';
import type { SqlRetentionStore } from '../../db/retention';
import type { VivierStore } from '../../db/store';
import { dateFr } from '../../domain/format';
import { moisApres } from '../../domain/retention';
import { normaliserEmail, occurrencesEmail } from '../../domain/donnees-personnelles';
import { DISPOSITIFS_API } from '../dossiers/dispositifs';
import type { Effacement, Inventaire } from './schemas';

export interface DonneesPersonnellesDeps {
  client: Client;
  vivier: VivierStore;
  comptes: Pick<ComptesStore, 'compteParEmail'>;
  retention: SqlRetentionStore;
  retentionDossiersMois: number;
  devMailDir?: string;
}

/** Each workflow type that holds people, and the query that reads its state. */
const LECTURES: Record<string, string> = {
  ...Object.fromEntries(DISPOSITIFS_API.map((d) => [d.workflowType, 'getDossier'])),
  campagne: 'getCampagne',
  mlCampagne: 'getMlCampagne',
  dialogueDeGestion: 'getDialogue',
};

/** How many runs are queried at once (each closed one is replayed by the worker). */
const EN_PARALLELE = 4;

async function dossiers(deps: DonneesPersonnellesDeps, email: string): Promise<Inventaire['dossiers']> {
  const types = Object.keys(LECTURES)
    .map((t) => `'${t}'`)
    .join(', ');
  const runs: { workflowId: string; type: string; statut: string }[] = [];
  for await (const w of deps.client.workflow.list({ query: `WorkflowType IN (${types})` }))
    runs.push({ workflowId: w.workflowId, type: w.type, statut: w.status.name });
  const trouves: Inventaire['dossiers'] = [];
  for (let i = 0; i < runs.length; i += EN_PARALLELE) {
    const lot = await Promise.all(
      runs.slice(i, i + EN_PARALLELE).map(async (r) => {
        const etat = await deps.client.workflow.getHandle(r.workflowId).query<unknown>(LECTURES[r.type]!);
        const occurrences = occurrencesEmail(etat, email);
        if (occurrences.length === 0) return undefined;
        const termine = r.statut === 'RUNNING' ? undefined : await deps.retention.termineLe(r.workflowId);
        // The purge's date: the dossier's end (read model) + the retention.
        const conserveJusquAu = termine ? moisApres(termine, deps.retentionDossiersMois) : undefined;
        return { ...r, ...(conserveJusquAu ? { conserveJusquAu } : {}), occurrences };
      }),
    );
    for (const d of lot) if (d) trouves.push(d);
  }
  return trouves;
}

async function courriels(dir: string | undefined, email: string): Promise<{ fichier: string; sujet: string; chemin: string }[]> {
  if (!dir) return [];
  const cible = normaliserEmail(email);
  const out: { fichier: string; sujet: string; chemin: string }[] = [];
  for (const fichier of (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.eml')).sort()) {
    const chemin = join(dir, fichier);
    const brut = await readFile(chemin, 'utf8').catch(() => '');
    const entetes = brut.split(/\r?\n\r?\n/, 1)[0] ?? '';
    if (!(entetes.match(/^(to|cc):.*(\r?\n[ \t].*)*/gim) ?? []).some((l) => l.toLowerCase().includes(cible))) continue;
    out.push({ fichier, sujet: /^subject:\s*(.*)$/im.exec(entetes)?.[1]?.trim() ?? '', chemin });
  }
  return out;
}

/** Everything held of the person with this address (the right of access's answer, also its export). */
export async function inventaire(deps: DonneesPersonnellesDeps, email: string, maintenant = new Date().toISOString()): Promise<Inventaire> {
  const { intervenants, candidatures } = await deps.retention.dansLeVivier(email);
  const fiches = await Promise.all(intervenants.map((i) => deps.vivier.getIntervenant(i.id)));
  const dossiersCandidat = await Promise.all(candidatures.map((id) => deps.vivier.getCandidature(id)));
  const compte = await deps.comptes.compteParEmail(email);
  return {
    email: email.trim(),
    genereLe: maintenant,
    vivier: {
      intervenants: fiches.filter((f) => f !== undefined) as unknown as Record<string, unknown>[],
      candidatures: dossiersCandidat.filter((c) => c !== undefined) as unknown as Record<string, unknown>[],
    },
    ...(compte ? { compte: compte as unknown as Record<string, unknown> } : {}),
    dossiers: await dossiers(deps, email),
    courriels: (await courriels(deps.devMailDir, email)).map(({ fichier, sujet }) => ({ fichier, sujet })),
    exportsProgrammes: await deps.retention.exportsProgrammesVers(email),
  };
}

/**
 * Erases what no duty keeps: the pool's record (unless the person holds a dossier in progress), applications, the
 * development sink's emails. Dossiers, campaigns and the staff account stay, each with its reason.
 */
export async function effacer(deps: DonneesPersonnellesDeps, email: string, maintenant = new Date().toISOString()): Promise<Effacement> {
  const conserve: Effacement['conserve'] = [];
  const { intervenants, candidatures } = await deps.retention.dansLeVivier(email);
  let nIntervenants = 0;
  for (const i of intervenants) {
    if (await deps.retention.effacerIntervenant(i.id, maintenant)) nIntervenants++;
    else
      conserve.push({
        ou: `Vivier : fiche ${i.id}`,
        pourquoi: `La personne intervient sur ${i.dossiersEnCours} dossier(s) en cours : sa fiche sera effaçable une fois ses interventions terminées.`,
      });
  }
  const nCandidatures = await deps.retention.supprimerCandidatures(candidatures);
  // Scheduled exports (api/exports/): the address leaves their recipients; an export sent to it alone is for staff to stop.
  const exportsModifies = await deps.retention.retirerDesExportsProgrammes(email);
  for (const x of await deps.retention.exportsProgrammesVers(email))
    conserve.push({
      ou: `Export programmé ${x.id}`,
      pourquoi: "Cette adresse en est la seule destinataire : arrêtez l'export programmé (page Exports) pour l'effacer.",
    });
  const mails = await courriels(deps.devMailDir, email);
  for (const m of mails) await rm(m.chemin, { force: true });
  if (await deps.comptes.compteParEmail(email))
    conserve.push({
      ou: 'Compte du personnel UNML',
      pourquoi: "Le compte trace qui a agi sur les dossiers : un·e administrateur·rice le désactive ; il n'est pas effacé.",
    });
  for (const d of await dossiers(deps, email)) {
    conserve.push({
      ou: `Dossier ${d.workflowId}`,
      pourquoi:
        d.statut === 'RUNNING'
          ? 'Le dossier est en cours : ses participants en ont besoin pour le mener à son terme.'
          : d.conserveJusquAu
            ? `Conservé pour justifier le dispositif jusqu'au ${dateFr(d.conserveJusquAu)}, puis purgé automatiquement.`
            : 'Dossier terminé : conservé pendant la durée de conservation, puis purgé automatiquement.',
    });
  }
  return {
    email: email.trim(),
    efface: { intervenants: nIntervenants, candidatures: nCandidatures, courriels: mails.length, exportsProgrammes: exportsModifies.length },
    conserve,
  };
}
