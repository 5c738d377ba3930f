// What the tests of every dispositif share: UNML's side of a dossier, and a unique ML code per dossier.
import { randomUUID } from 'node:crypto';
import type { StaffMember } from '../../domain/schemas';

export const DAY = 86_400_000;

/** The UNML address every dossier's input carries. */
export const CONTACT_UNML = { nom: 'UNML', email: 'dispositifs@unml.info' };

/** UNML's interlocutrices: staff accounts of role charge_mission, which startApiStack creates with these ids, names and emails. */
export const INTERLOCUTRICE: StaffMember = { id: 'CPT-TESTSBERNARD', nom: 'Sophie Bernard', email: 'sophie.bernard@unml.info' };
export const COLLEGUE: StaffMember = { id: 'CPT-TESTALEFEVRE', nom: 'Anne Lefèvre', email: 'anne.lefevre@unml.info' };

/** An ML code of its own (e.g. "ML-ROUEN-1a2b3c4d"), so that an API test finds its dossiers in the lists. */
export const codeUnique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The Mission Locale of Rouen (Normandie), its direction and présidence: the ML of the Compagnonnage tests and of the API tests. */
export const mlRouen = (code = 'ML-ROUEN') => ({
  missionLocale: { code, nom: 'Mission Locale de Rouen', region: 'NOR' as const },
  direction: { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' },
  presidence: { nom: 'Jean Dupont', email: 'presidence@ml-rouen.fr' },
});

/** The ML of Rouen with a code of its own, for a demand sent to the API. */
export const mlRouenUnique = () => mlRouen(codeUnique('ML-ROUEN'));
