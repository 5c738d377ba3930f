// POST /api/campagnes: the definition checked against the reference data and the pool (every reason in French, with
// its field), then the campaign's input, then its workflow started (id CAM-…, no personal data in it nor in its
// search attributes or memo).
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { VivierStore } from '../../db/store';
import { verifierDefinition } from '../../domain/campagne';
import { AVANCE_SEED_004, AXES_SEED_004, calculerFinancement, FinancementInvalide, type RegleFinancement } from '../../domain/financement';
import type { Recipient } from '../../activities/email/kinds';
import type { CampagneInput, DelaisCampagne } from '../../workflows/campagne/state';
import type { CreerCampagneBody } from './schemas';

const JOUR = 24 * 60 * 60 * 1000;

/** The campaign's delays until the configuration carries them (issue #13): seed 004's rhythm. */
export const DELAIS_CAMPAGNE_PAR_DEFAUT: DelaisCampagne = {
  relanceValidation: 10 * JOUR,
  escaladeValidation: 21 * JOUR,
  alerteExpirationProjet: 92 * JOUR,
  intervalleDialogue: 365 * JOUR,
  relanceDialogue: 30 * JOUR,
  rappels: [JOUR],
};

/** `CAM-` + 10 uppercase hex chars of a SHA-256: of the Idempotency-Key when given, of a random UUID otherwise. */
export function campagneIdPour(cleIdempotence?: string): string {
  const graine = cleIdempotence !== undefined ? `campagne:${cleIdempotence}` : randomUUID();
  return `CAM-${createHash('sha256').update(graine).digest('hex').slice(0, 10).toUpperCase()}`;
}

type Issue = { code: 'custom'; path: (string | number)[]; message: string; input: undefined };
const issue = (chemin: string, message: string): Issue => ({
  code: 'custom',
  path: chemin.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
  message,
  input: undefined,
});

/**
 * The campaign's input from a validated body, or a ZodError (400) with every reason: the definition's
 * (domain/campagne.ts verifierDefinition: MLs of the région, territories, the State and the Région as funders, the
 * phases in order), the consultant's (a cabinet consultant of the pool), the funding rule's.
 */
export async function entreeCampagne(
  vivier: Pick<VivierStore, 'missionsLocales' | 'getIntervenant'>,
  body: CreerCampagneBody,
  campagneId: string,
  contactUnml: Recipient,
  delais: DelaisCampagne,
): Promise<CampagneInput> {
  const referentiel = await vivier.missionsLocales();
  const noms = new Map(referentiel.map((m) => [m.code, m.nom]));
  const mls = body.mls.map(({ code, direction, presidence, adjoint }) => ({
    code,
    nom: noms.get(code) ?? code,
    direction,
    presidence,
    ...(adjoint ? { adjoint } : {}),
  }));
  const issues: Issue[] = verifierDefinition(
    { region: body.region, mls, territoires: body.territoires, financeurs: body.financeurs, calendrier: body.calendrier },
    referentiel,
  ).map((e) => issue(e.chemin, e.message));

  const consultant = await vivier.getIntervenant(body.consultantId);
  if (!consultant) issues.push(issue('consultantId', `Aucun intervenant ${body.consultantId} dans le vivier (GET /api/intervenants?type=consultant_cabinet).`));
  else if (consultant.type !== 'consultant_cabinet')
    issues.push(
      issue(
        'consultantId',
        `${consultant.nom} n’est pas consultant·e de cabinet : le consultant neutre de la campagne est un consultant de cabinet du vivier.`,
      ),
    );
  else if (consultant.statut !== 'valide' || !consultant.actif)
    issues.push(issue('consultantId', `${consultant.nom} n’est pas actif·ve dans le vivier : choisissez un consultant de cabinet actif.`));

  const financement: RegleFinancement = {
    enveloppe: body.financement?.enveloppeCentimes ?? 0,
    axes: body.financement?.axes ?? AXES_SEED_004,
    avancePourDixMille: body.financement?.avancePourDixMille ?? AVANCE_SEED_004,
  };
  issues.push(...erreursFinancement(financement, mls));

  if (issues.length > 0) throw new z.ZodError(issues);
  return {
    campagneId,
    nom: body.nom,
    region: body.region,
    mls,
    territoires: body.territoires,
    financeurs: body.financeurs,
    consultant: { id: consultant!.id, nom: consultant!.nom, email: consultant!.email, ...(consultant!.cabinet ? { cabinet: consultant!.cabinet } : {}) },
    calendrier: body.calendrier,
    contactUnml,
    financement,
    ...(body.enquete ? { enquete: body.enquete } : {}),
    delais,
  };
}

/** The funding rule's own errors (domain/financement.ts), under `financement` (the MLs' values come later). */
function erreursFinancement(regle: RegleFinancement, mls: { code: string; nom: string }[]): Issue[] {
  try {
    calculerFinancement(regle, mls.length ? mls.map((m) => ({ code: m.code, nom: m.nom, valeurs: {} })) : [{ code: '_', nom: '_', valeurs: {} }]);
    return [];
  } catch (err) {
    if (!(err instanceof FinancementInvalide)) throw err;
    return err.erreurs
      .filter((e) => !e.chemin.startsWith('mls'))
      .map((e) => issue(`financement.${e.chemin === 'enveloppe' ? 'enveloppeCentimes' : e.chemin}`, e.message));
  }
}
