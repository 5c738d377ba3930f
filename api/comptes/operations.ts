// What /api/jetons and the "Mes jetons" page both do with one's own API tokens (issue #12): one rule for both — the
// role defaults to the request's, is never above it (a token cannot mint a stronger one; the store also caps it at
// the owner's), and the expiry is so many days from now; only the owner revokes a token.
import { CompteErreur, type ComptesStore, type JetonApi, roleLePlusHaut, roleSuffit } from '../../db/comptes-store';
import type { AccesCompte } from '../acces/middleware';
import type { z } from 'zod';
import type { nouveauJetonSchema } from './schemas';

const JOUR = 86_400_000;

/** Creates a token of the signed-in person: the card and its secret, returned once. */
export async function creerMonJeton(
  comptes: ComptesStore,
  acces: AccesCompte,
  body: z.output<typeof nouveauJetonSchema>,
  now: Date,
): Promise<{ jeton: string; fiche: JetonApi }> {
  const role = body.role ?? (acces.via === 'jeton' ? acces.role : (roleLePlusHaut(acces.compte.roles) ?? 'lecture'));
  if (acces.via === 'jeton' && !roleSuffit(acces.role, role)) {
    throw new CompteErreur('interdit', `Un jeton ne peut pas créer un jeton de rôle plus élevé que le sien (« ${acces.role} »).`);
  }
  const expireLe = new Date(now.getTime() + body.dureeJours * JOUR).toISOString();
  return comptes.creerJeton(acces.compte.id, { nom: body.nom, role, expireLe });
}

/** Revokes one of the signed-in person's tokens; someone else's is as unknown (admins included). */
export async function revoquerMonJeton(comptes: ComptesStore, acces: AccesCompte, id: string): Promise<JetonApi> {
  const fiche = await comptes.getJeton(id);
  if (!fiche || fiche.compteId !== acces.compte.id) throw new CompteErreur('introuvable', `Aucun jeton ${id} pour votre compte.`);
  return comptes.revoquerJeton(id, acces.compte.id);
}
