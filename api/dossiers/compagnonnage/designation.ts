// Compagnonnage designates one intervenant from the pool's ranking; the intervenant may decline.
import * as M from '../../../workflows/compagnonnage/messages';
import { classementDuDossier, confirmationDepuisVivier, refusPar } from '../../candidats/service';
import type { Designation } from '../descripteur';

export const DESIGNATION_COMPAGNONNAGE: Designation = {
  classement: (handle, vivier) => classementDuDossier(handle, vivier),
  confirmer: confirmationDepuisVivier((handle, designation, par, contexte) =>
    handle.executeUpdate(M.designateIntervenant, { args: [{ ...designation, ...par }, contexte] as never }),
  ),
  refuser: refusPar(M.respondDesignation),
  updateNames: [M.designateIntervenant.name, M.respondDesignation.name],
};
