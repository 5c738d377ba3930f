// Every failure type the product raises (ApplicationFailure.type): workflows, activities and the API read them
// here, so that none is spelt twice. Codes only; the message of each failure is the French sentence a person reads.
export const TypeEchec = {
  /** A staff or participant action refused at this step, with its reason (an Update validator; API: 409). */
  ActionRefusee: 'ActionRefusee',
  /** The pool refused a reservation: the intervenant has no capacity left (dossiers or hours per month). */
  CapaciteAtteinte: 'CapaciteAtteinte',
  /** The pool refused a reservation: the dossier's role is already held, or a concurrent change won. */
  ConflitVivier: 'ConflitVivier',
  /** The pool does not know the intervenant (or they left it). */
  IntervenantIntrouvable: 'IntervenantIntrouvable',
  /** An email without any recipient: never retried. */
  InvalidRecipients: 'InvalidRecipients',
  // --- Regional campaigns (activities/campagne.ts) ---
  /** A dialogue de gestion's Schedule cannot be defined as asked (dates, interval): never retried. */
  PlanificationInvalide: 'PlanificationInvalide',
  /** A campaign or one of its MLs cannot be read (its query failed); retried unless the workflow is not a campaign's. */
  CampagneIllisible: 'CampagneIllisible',
} as const;
export type TypeEchec = (typeof TypeEchec)[keyof typeof TypeEchec];

/** The pool's refusals: a dossier's action answers them as its own refusal, never retried. */
export const REFUS_VIVIER: readonly TypeEchec[] = [TypeEchec.CapaciteAtteinte, TypeEchec.ConflitVivier, TypeEchec.IntervenantIntrouvable];
