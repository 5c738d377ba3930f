// What every dispositif's start (its descriptor's `demarrage`) takes from a validated demand and the configuration.
import type { Config } from '../../config';
import type { DossierInputCommun } from '../../workflows/shared/state';
import type { CreateDemandeBody } from './schemas';

type DispositifDemande = CreateDemandeBody['dispositif'];
type DemandeDe<D extends DispositifDemande> = Omit<Extract<CreateDemandeBody, { dispositif: D }>, 'dispositif' | 'requestId'>;

/** The demand itself, without the request fields (dispositif, requestId); throws when it is another dispositif's. */
export function demandeDu<D extends DispositifDemande>(body: CreateDemandeBody, dispositif: D): DemandeDe<D> {
  if (body.dispositif !== dispositif) throw new Error(`expected a ${dispositif} demand, got ${body.dispositif}`);
  const demande: Partial<CreateDemandeBody> = { ...body };
  delete demande.dispositif;
  delete demande.requestId;
  return demande as DemandeDe<D>;
}

/** UNML's contact for the ML, in every dossier. */
export const contactUnml = (config: Config) => ({ nom: 'UNML', email: config.UNML_CONTACT_EMAIL });

/** What every dossier's input has: its id, UNML's contact and, when ACTIONS_AVANT_EMAILS is set, the outbox. */
export function entreeCommune(dossierId: string, config: Config): DossierInputCommun {
  return { dossierId, contactUnml: contactUnml(config), ...(config.ACTIONS_AVANT_EMAILS ? { actionsAvantEmails: true } : {}) };
}
