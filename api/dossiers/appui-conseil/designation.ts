// Appui Conseil mobilises its (optional) network members from the pool's ranking; a member may decline.
import * as M from '../../../workflows/appui-conseil/messages';
import { classementAppuiConseil } from '../../candidats/appui-conseil';
import { confirmationDepuisVivier, refusPar } from '../../candidats/service';
import type { Designation } from '../descripteur';

export const DESIGNATION_APPUI_CONSEIL: Designation = {
  classement: (handle, vivier) => classementAppuiConseil(handle, vivier),
  confirmer: confirmationDepuisVivier((handle, { intervenant, choix }, par, contexte) =>
    handle.executeUpdate(M.addMembreReseau, { args: [{ membre: intervenant, choix, ...par }, contexte] as never }),
  ),
  refuser: refusPar(M.respondDesignation),
  updateNames: [M.addMembreReseau.name, M.respondDesignation.name],
};
