// The interlocutrice of a dossier is a staff account (issue #12): an action that names one (accepting a demand,
// Appui Conseil's prise de contact, handing a dossier over) sends the account's id; the API checks that the account
// exists, is active and may drive dossiers (role chargé·e de mission, or admin which includes it), and hands the
// workflow her name and email from the account. The workflows' inputs keep their shape ({ id, nom, email }).
import { z } from 'zod';
import { type Compte, type ComptesStore, LIBELLES_ROLES, roleLePlusHaut, roleSuffit } from '../../db/comptes-store';
import type { StaffMember } from '../../domain/schemas';
import { ApiError } from '../errors';
import { compteIdSchema } from './schemas';

/** What a request names: the account only; name and email come from it (any sent with it are ignored). */
export const interlocutriceParCompteSchema = z
  .object({
    id: compteIdSchema.describe('Identifiant du compte UNML de l’interlocutrice (GET /api/comptes), actif et de rôle charge_mission'),
  })
  .describe('Un compte UNML actif de rôle charge_mission : son nom et son e-mail sont repris du compte')
  .openapi('InterlocutriceCompte', { example: { id: 'CPT-7K2M9QXR4T' } });

/** May this account be a dossier's interlocutrice? */
export const peutEtreInterlocutrice = (c: Compte): boolean => {
  const role = roleLePlusHaut(c.roles);
  return c.actif && role !== undefined && roleSuffit(role, 'charge_mission');
};

/** The accounts that may be named interlocutrice, by name (for a form's choices). */
export async function interlocutricesPossibles(comptes: Pick<ComptesStore, 'listComptes'>): Promise<Compte[]> {
  return (await comptes.listComptes()).filter(peutEtreInterlocutrice);
}

const CHEMIN = 'interlocutrice.id';

/**
 * The staff member a dossier keeps, from the account `id`: refused with 400 (unknown account) or 409 (deactivated,
 * or read-only), in French, saying what to do, with the field's path for a form.
 */
export async function resoudreInterlocutrice(comptes: Pick<ComptesStore, 'getCompte'>, id: string): Promise<StaffMember> {
  const compte = await comptes.getCompte(id);
  if (!compte) {
    const message = `Aucun compte UNML ${id} : choisissez l’interlocutrice parmi les comptes existants (GET /api/comptes, ou la page Administration).`;
    throw new ApiError(400, 'interlocutrice_inconnue', message, [{ path: CHEMIN, message }]);
  }
  if (!compte.actif) {
    const message =
      `Le compte de ${compte.nom} (${id}) est désactivé : choisissez une autre interlocutrice, ` + 'ou demandez à un·e administrateur·rice de le réactiver.';
    throw new ApiError(409, 'interlocutrice_inactive', message, [{ path: CHEMIN, message }]);
  }
  if (!peutEtreInterlocutrice(compte)) {
    const role = roleLePlusHaut(compte.roles);
    const message =
      `Le compte de ${compte.nom} (${id}) a le rôle « ${role ? LIBELLES_ROLES[role] : 'aucun'} » : une interlocutrice doit avoir le rôle ` +
      `« ${LIBELLES_ROLES.charge_mission} ». Choisissez un autre compte, ou demandez à un·e administrateur·rice de lui donner ce rôle.`;
    throw new ApiError(409, 'interlocutrice_sans_role', message, [{ path: CHEMIN, message }]);
  }
  return { id: compte.id, nom: compte.nom, email: compte.email };
}
