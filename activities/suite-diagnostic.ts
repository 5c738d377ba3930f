// The dossier a Diagnostic's proposal leads to (issue #14), once the ML's direction accepted it from its link: started
// through the very path of a demand (POST /api/demandes: the same schema, the same recevabilité, the same start), its
// request id derived from the Diagnostic's (a retried or replayed activity finds the dossier already started).
import type { Client } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import type { Config } from '../config';
import type { AccompagnementPropose } from '../domain/diagnostic';
import type { Contact, MissionLocale } from '../domain/schemas';
import { horsChamp } from '../api/demandes/recevabilite';
import { creerDossier } from '../api/demandes/router';
import { createDemandeBodySchema } from '../api/demandes/schemas';

export interface DemarrerSuiteInput {
  /** The Diagnostic (DGN-…) the new dossier follows from. */
  diagnosticId: string;
  dispositif: AccompagnementPropose;
  missionLocale: MissionLocale;
  direction: Contact;
  presidence: Contact;
  casMobilisation: string;
  sujets: string[];
  /** The demand's text: the diagnostic's findings and the accompaniment proposed. */
  description: string;
}

/** Started (its id), or not receivable (the reasons, in French, for the direction and UNML). */
export type DemarrerSuiteResult = { demarre: true; dossierId: string } | { demarre: false; motifs: string[] };

/** The request id of the dossier a Diagnostic leads to: one per Diagnostic, so starting twice finds the same dossier. */
export const requestIdSuite = (diagnosticId: string) => `suite-diagnostic:${diagnosticId}`;

export function createSuiteDiagnosticActivities(deps: { client: Client; config: Config; logger?: Logger }) {
  const logger = deps.logger ?? pino({ level: 'silent' });
  return {
    async demarrerSuiteDiagnostic(i: DemarrerSuiteInput): Promise<DemarrerSuiteResult> {
      const parsed = createDemandeBodySchema.safeParse({
        dispositif: i.dispositif,
        missionLocale: i.missionLocale,
        direction: i.direction,
        presidence: i.presidence,
        casMobilisation: i.casMobilisation,
        sujets: i.sujets,
        description: i.description.slice(0, 5000),
        requestId: requestIdSuite(i.diagnosticId),
      });
      if (!parsed.success) return { demarre: false, motifs: parsed.error.issues.map((e) => `${e.path.join('.') || 'demande'} : ${e.message}`) };
      const hors = horsChamp(parsed.data.dispositif, parsed.data.sujets);
      if (hors) return { demarre: false, motifs: hors.motifs };
      // REJECT_DUPLICATE on an id derived from the request id: "already started" answers the existing dossier (200).
      const { answer } = await creerDossier(deps.client, deps.config, logger, parsed.data, requestIdSuite(i.diagnosticId), { issuDe: i.diagnosticId });
      return { demarre: true, dossierId: answer.dossierId };
    },
  };
}

export type SuiteDiagnosticActivities = ReturnType<typeof createSuiteDiagnosticActivities>;
