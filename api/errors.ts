// The one error middleware: maps validation, Temporal and body-parser errors to JSON answers.
// Clients never see a stack trace; unexpected errors are logged server-side with a request id.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CompteErreur } from '../db/comptes-store';
import { VivierErreur } from '../db/store';
import { TypeEchec } from '../domain/erreurs';
import { tailleFr } from '../domain/format';

/** The failure type the workflows' update validators throw for an action refused at the current step. */
export const ACTION_REFUSEE = TypeEchec.ActionRefusee;

/** An action the API itself refuses (e.g. an update on a finished dossier), answered 409. */
export class ActionRefuseeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionRefuseeError';
  }
}

/** An answer the API decides itself, with its status and code (e.g. 404 for an action that does not apply, 413). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field by field (path, message), for a form to show each error under its field. */
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// tailleFr lives in domain/format.ts; re-exported for the API modules that import it from here.
export { tailleFr };

export interface ErrorBody {
  error: string;
  message: string;
  /** Field by field for a validation error; the pool's context (e.g. the current load) for a VivierErreur. */
  details?: { path: string; message: string }[] | Record<string, unknown>;
}

/** The error and its causes, outermost first (bounded, in case of a cycle). */
function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = err;
  while (current !== undefined && current !== null && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(racine)' : path.map(String).join('.');
}

/** zod's message, with the expected format spelled out where zod's default is terse. */
function hint(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_format' && issue.format === 'datetime') {
    return `${issue.message} (attendu : date ISO 8601 avec décalage horaire, ex. 2026-12-01T10:00:00+01:00)`;
  }
  return issue.message;
}

/** A zod error as a 400 body, field by field. */
export function validationBody(err: z.core.$ZodError): ErrorBody {
  const details = err.issues.map((issue) => ({ path: formatPath(issue.path), message: hint(issue) }));
  const summary = details
    .slice(0, 3)
    .map((d) => `${d.path} : ${d.message}`)
    .join(' ; ');
  return {
    error: 'validation',
    message: `Requête invalide (${details.length} champ${details.length > 1 ? 's' : ''} en erreur) : ${summary}${details.length > 3 ? ' ; …' : ''}`,
    details,
  };
}

/** Classifies an error: the HTTP status and the body to send, or undefined for an unexpected error. */
export function classifyError(err: unknown): { status: number; body: ErrorBody } | undefined {
  if (err instanceof z.core.$ZodError) return { status: 400, body: validationBody(err) };
  if (err instanceof ApiError) return { status: err.status, body: { error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
  // The staff accounts' refusals (db/comptes-store.ts): unknown 404, forbidden 403, conflict 409.
  if (err instanceof CompteErreur) {
    const status = { introuvable: 404, interdit: 403, conflit: 409 }[err.code];
    return { status, body: { error: err.code === 'introuvable' ? 'not_found' : err.code === 'interdit' ? 'acces_refuse' : 'conflit', message: err.message } };
  }
  // The pool's refusals: unknown → 404, anything else (conflict, capacity reached) → 409, with the pool's French reason.
  if (err instanceof VivierErreur) {
    const body = { error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
    return { status: err.code === 'introuvable' ? 404 : 409, body };
  }

  // body-parser errors (express.json): malformed JSON, too large, bad charset…
  if (err instanceof Error && typeof (err as { type?: unknown }).type === 'string' && typeof (err as { status?: unknown }).status === 'number') {
    const { type, status } = err as Error & { type: string; status: number };
    if (type === 'entity.parse.failed') {
      return {
        status: 400,
        body: { error: 'invalid_json', message: 'Le corps de la requête n’est pas un JSON valide : vérifiez la syntaxe (guillemets, virgules, accolades).' },
      };
    }
    if (type === 'entity.too.large') {
      const limit = (err as { limit?: unknown }).limit;
      const limite = typeof limit === 'number' ? ` (limite : ${tailleFr(limit)})` : '';
      return { status: 413, body: { error: 'payload_too_large', message: `Le corps de la requête est trop volumineux${limite}.` } };
    }
    if (status >= 400 && status < 500) {
      return { status, body: { error: 'bad_request', message: 'Requête illisible : envoyez un corps JSON encodé en UTF-8 (Content-Type: application/json).' } };
    }
  }

  const chain = causes(err);
  if (chain.some((e) => e instanceof ActionRefuseeError)) {
    const e = chain.find((c) => c instanceof ActionRefuseeError) as ActionRefuseeError;
    return { status: 409, body: { error: 'action_refusee', message: e.message } };
  }
  if (err instanceof WorkflowUpdateFailedError) {
    const refusal = chain.find((c): c is ApplicationFailure => c instanceof ApplicationFailure && c.type === ACTION_REFUSEE);
    if (refusal) return { status: 409, body: { error: 'action_refusee', message: refusal.message } };
  }
  const notFound = chain.find((c): c is WorkflowNotFoundError => c instanceof WorkflowNotFoundError);
  if (notFound) {
    // The server answers NotFound to an update on a workflow that has already completed.
    if (/already completed/i.test(notFound.message)) {
      return { status: 409, body: { error: 'action_refusee', message: 'Le dossier est terminé : aucune action n’est plus possible.' } };
    }
    const dossier = notFound.workflowId ? ` : ${notFound.workflowId}` : '';
    return { status: 404, body: { error: 'not_found', message: `Dossier inconnu${dossier}. Vérifiez l'identifiant (GET /api/dossiers pour la liste).` } };
  }
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = classifyError(err);
    if (known) {
      if (known.status >= 500) logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
      res.status(known.status).json(known.body);
      return;
    }
    logger.error({ err, method: req.method, url: req.originalUrl }, 'unexpected error');
    const message = 'Erreur interne : réessayez plus tard ; si elle persiste, contactez l’équipe technique de l’UNML.';
    res.status(500).json({ error: 'internal', message } satisfies ErrorBody);
  };
}

/** The 404 for routes that do not exist. */
export const notFoundHandler: RequestHandler = (req, res) => {
  const message = `Route inconnue : ${req.method} ${req.path}. Voir /docs pour les routes disponibles.`;
  res.status(404).json({ error: 'not_found', message } satisfies ErrorBody);
};
