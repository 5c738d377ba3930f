// A Diagnostic designates a binôme, one role at a time, from each role's ranking; a diagnostiqueur may decline.
import * as M from '../../../workflows/diagnostic/messages';
import { classementDiagnostic, confirmationDiagnosticSchema, designationDiagnostic } from '../../candidats/diagnostic';
import { refusPar } from '../../candidats/service';
import type { Designation } from '../descripteur';

export const DESIGNATION_DIAGNOSTIC: Designation = {
  classement: (handle, vivier) => classementDiagnostic(handle, vivier),
  confirmer: async (handle, vivier, intervenantId, body, contexte) => {
    const corps = confirmationDiagnosticSchema.parse(body ?? {});
    const designation = await designationDiagnostic(handle, vivier, intervenantId, corps);
    return handle.executeUpdate(M.designateDiagnostiqueur, { args: [{ ...designation, ...(corps.par ? { par: corps.par } : {}) }, contexte] as never });
  },
  refuser: refusPar(M.respondDiagnostiqueur),
  updateNames: [M.designateDiagnostiqueur.name, M.respondDiagnostiqueur.name],
};
