// The dossier page's designation block (issue #12 §4): at a designation step, the pool's ranking with its reasons,
// a button to confirm each eligible candidate, and for anyone else a manual choice with its motif. The ranking and
// the confirmation are the API's own (the descriptor's `designation`, api/candidats): the same rules, the same refusals.
import type { WorkflowHandle } from '@temporalio/client';
import type { VivierStore } from '../../../db/store';
import { REGIONS } from '../../../domain/regions';
import { ROLES, TYPES_INTERVENANT, type Classement, type Role } from '../../../domain/vivier';
import type { DispositifApi } from '../../dossiers/descripteur';
import { ApiError } from '../../errors';
import { templateFile } from '../render';

/** A form of the block sent back: which candidate, the motif typed, the refusal. */
export interface RetourDesignation {
  intervenantId: string;
  motif: string;
  alerte: string;
  /** In the "another intervenant" form: the identifier typed. */
  autreId?: string;
}

interface Candidat {
  id: string;
  nom: string;
  type: string;
  region: string;
  rang?: number;
  score: number;
  eligible: boolean;
  raisons: string[];
  exclusions: string[];
  fiche: string;
  action: string;
  ancre: string;
  motif: string;
  alerte?: string;
  ouvert: boolean;
}

interface Groupe {
  titre: string;
  role: string;
  eligibles: Candidat[];
  ecartes: Candidat[];
}

interface ModeleDesignation {
  csrf: string;
  groupes: Groupe[];
  autre: { action: string; id: string; motif: string; alerte?: string };
}

const tpl = templateFile<ModeleDesignation>(__dirname, 'designation.hbs');

/** What the descriptors' rankings have in common: one role's candidates, or (Diagnostic) each role still to fill. */
interface ClassementBrut {
  besoin: { role: Role };
  candidats: Classement[];
  roles?: { role: Role; candidats: Classement[] }[];
}

export const ANCRE_DESIGNATION = 'designation';
const AUTRE = '_autre';

/** The block's HTML, or undefined when the dossier designates nobody at its step (the ranking's 409). */
export async function blocDesignation(
  api: DispositifApi,
  handle: WorkflowHandle,
  vivier: VivierStore,
  csrf: string,
  retour?: RetourDesignation,
): Promise<string | undefined> {
  let brut: ClassementBrut;
  try {
    brut = (await api.designation.classement(handle, vivier)) as ClassementBrut;
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return undefined;
    throw err;
  }
  const id = handle.workflowId;
  const roles = brut.roles ?? [{ role: brut.besoin.role, candidats: brut.candidats }];
  const candidat = (role: Role, c: Classement): Candidat => {
    const mien = retour?.intervenantId === c.intervenantId ? retour : undefined;
    return {
      id: c.intervenantId,
      nom: c.nom,
      type: TYPES_INTERVENANT[c.type] ?? c.type,
      region: REGIONS[c.region] ?? c.region,
      ...(c.rang ? { rang: c.rang } : {}),
      score: c.score,
      eligible: c.eligible,
      raisons: c.raisons,
      exclusions: c.exclusions,
      fiche: `/vivier/intervenants/${encodeURIComponent(c.intervenantId)}`,
      action: `/staff/dossiers/${id}/candidats/${encodeURIComponent(c.intervenantId)}/confirmation?role=${role}#c-${c.intervenantId}`,
      ancre: `c-${c.intervenantId}`,
      motif: mien?.motif ?? '',
      ...(mien ? { alerte: mien.alerte } : {}),
      ouvert: mien !== undefined,
    };
  };
  const autre = retour?.intervenantId === AUTRE ? retour : undefined;
  return tpl({
    csrf,
    groupes: roles.map(({ role, candidats }) => ({
      titre: ROLES[role].libelle,
      role,
      eligibles: candidats.filter((c) => c.eligible).map((c) => candidat(role, c)),
      ecartes: candidats.filter((c) => !c.eligible).map((c) => candidat(role, c)),
    })),
    autre: {
      action: `/staff/dossiers/${id}/candidats/${AUTRE}/confirmation#c-${AUTRE}`,
      id: autre?.autreId ?? '',
      motif: autre?.motif ?? '',
      ...(autre ? { alerte: autre.alerte } : {}),
    },
  });
}

/** The identifier typed in the "another intervenant" form, when the path names none. */
export const estAutre = (intervenantId: string): boolean => intervenantId === AUTRE;
