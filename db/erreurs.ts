// Constraint violations raised by SQLite or PostgreSQL, recognised and turned into VivierErreur with a French
// message: the database's own wording never reaches a person.
import { VivierErreur } from './store';

export interface Violation {
  kind: 'check' | 'unique' | 'foreign_key' | 'not_null' | 'invalid';
  /** The constraint or index name, as the schema (db/migrations) names it, when known. */
  constraint?: string;
}

/** SQLite names the columns of a violated unique index, not the index: the schema's names for them. */
const SQLITE_UNIQUE_COLUMNS: Record<string, string> = {
  'reservations.dossier_id, reservations.role': 'reservations_dossier_role_active',
  'reservations.dossier_id, reservations.intervenant_id': 'reservations_dossier_intervenant_active',
  'candidatures.email': 'candidatures_email_en_attente',
  'intervenants.id': 'intervenants_pkey',
  'candidatures.id': 'candidatures_pkey',
  'reservations.id': 'reservations_pkey',
  'file_attente.dossier_id': 'file_attente_pkey',
};

/** The violation this error reports, or undefined when it is not a constraint error. */
export function violation(err: unknown): Violation | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, message, constraint } = err as { code?: unknown; message?: unknown; constraint?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    if (code === 'SQLITE_CONSTRAINT_CHECK') return { kind: 'check', constraint: /CHECK constraint failed: (\w+)/.exec(text)?.[1] };
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      const columns = /UNIQUE constraint failed: (.+)$/.exec(text)?.[1]?.trim();
      return { kind: 'unique', constraint: columns ? (SQLITE_UNIQUE_COLUMNS[columns] ?? columns) : undefined };
    }
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreign_key' };
    if (code === 'SQLITE_CONSTRAINT_NOTNULL') return { kind: 'not_null', constraint: /NOT NULL constraint failed: (.+)$/.exec(text)?.[1] };
    return { kind: 'check' };
  }
  if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) {
    const name = typeof constraint === 'string' ? constraint : undefined;
    switch (code) {
      case '23505':
        return { kind: 'unique', constraint: name };
      case '23514':
        return { kind: 'check', constraint: name };
      case '23503':
        return { kind: 'foreign_key', constraint: name };
      case '23502':
        return { kind: 'not_null', constraint: typeof (err as { column?: unknown }).column === 'string' ? (err as { column: string }).column : name };
      default:
        // 22xxx: a value of the wrong type or out of range (e.g. a fractional number of dossiers).
        return code.startsWith('22') ? { kind: 'invalid' } : { kind: 'check', constraint: name };
    }
  }
  return undefined;
}

const MESSAGES: Record<string, string> = {
  intervenants_dossiers_capacite:
    'Refusé par la base du vivier : le nombre de dossiers en cours dépasserait la capacité en dossiers de l’intervenant·e (ou deviendrait négatif).',
  intervenants_heures_capacite:
    'Refusé par la base du vivier : les heures réservées par mois dépasseraient la capacité horaire mensuelle de l’intervenant·e (ou deviendraient négatives).',
  intervenants_capacites: 'Les capacités (dossiers simultanés, heures par mois) doivent être des nombres positifs ou nuls.',
  candidatures_capacites: 'Les capacités (dossiers simultanés, heures par mois) doivent être des nombres positifs ou nuls.',
  intervenants_type: 'Type d’intervenant·e inconnu : consultant_cabinet, directeur_ml ou expert_reseau.',
  candidatures_type: 'Type d’intervenant·e inconnu : consultant_cabinet, directeur_ml ou expert_reseau.',
  indisponibilites_periode: 'Une période d’indisponibilité se termine avant de commencer : vérifiez ses dates.',
  file_attente_priorite: 'La priorité dans la file d’attente est un entier à partir de 1 (1 = la plus haute).',
  reservations_heures: 'Le volume horaire réservé par mois ne peut pas être négatif.',
  reservations_dossier_role_active: 'Ce rôle est déjà pourvu pour ce dossier : libérez la réservation en cours avant d’en faire une autre.',
  reservations_dossier_intervenant_active: 'Cet·te intervenant·e est déjà réservé·e sur ce dossier pour un autre rôle.',
  candidatures_email_en_attente: 'Une candidature est déjà en attente pour cette adresse e-mail.',
  intervenants_pkey: 'Un·e intervenant·e porte déjà cet identifiant.',
};

/** The VivierErreur for a database error, or the error itself when it is not a constraint violation. */
export function versErreurVivier(err: unknown): unknown {
  if (err instanceof VivierErreur) return err;
  const v = violation(err);
  if (!v) return err;
  const details = { contrainte: v.constraint, type: v.kind };
  if (v.kind === 'foreign_key') {
    return new VivierErreur(
      'introuvable',
      'Référence inconnue du vivier (région, Mission Locale ou intervenant·e) : vérifiez les codes et identifiants saisis.',
      details,
    );
  }
  if (v.kind === 'invalid') {
    return new VivierErreur('conflit', 'Valeur refusée par la base du vivier : un nombre entier est attendu (dossiers, heures, priorité).', details);
  }
  if (v.kind === 'not_null') {
    return new VivierErreur('conflit', `Une information obligatoire manque${v.constraint ? ` (${v.constraint})` : ''}.`, details);
  }
  const message =
    (v.constraint && MESSAGES[v.constraint]) ??
    (v.kind === 'unique'
      ? 'Cet enregistrement existe déjà dans le vivier.'
      : `Donnée refusée par la base du vivier${v.constraint ? ` (règle ${v.constraint})` : ''} : vérifiez les valeurs saisies.`);
  return new VivierErreur('conflit', message, details);
}
