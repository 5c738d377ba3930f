// The first accounts (issue #12): production creates its first admin from ADMIN_EMAIL / ADMIN_NOM when no account
// exists; `npm start` creates fictional demo staff on an empty store (an admin, two chargées de mission, a
// reader) and prints a one-time sign-in link for the demo admin.
import type { Compte, ComptesStore, NouveauCompte } from '../../db/comptes-store';

// Fixed ids, so that a demo dossier's interlocutrice can be named in examples (e.g. { "interlocutrice": { "id": "CPT-DEMOSBERNARD" } }).
export const COMPTES_DE_DEMO: NouveauCompte[] = [
  { id: 'CPT-DEMOCAMILLE', email: 'camille.admin@demo.unml.info', nom: 'Camille Admin (démo)', roles: ['admin'] },
  { id: 'CPT-DEMOSBERNARD', email: 'sophie.bernard@demo.unml.info', nom: 'Sophie Bernard (démo)', roles: ['charge_mission'] },
  { id: 'CPT-DEMONLEFEVRE', email: 'nadia.lefevre@demo.unml.info', nom: 'Nadia Lefèvre (démo)', roles: ['charge_mission'] },
  { id: 'CPT-DEMOLPETIT', email: 'lucas.petit@demo.unml.info', nom: 'Lucas Petit (démo)', roles: ['lecture'] },
];

/** Creates the admin of ADMIN_EMAIL when the store has no account; the account created, or undefined. */
export async function premierAdmin(comptes: ComptesStore, config: { ADMIN_EMAIL?: string | undefined; ADMIN_NOM: string }): Promise<Compte | undefined> {
  if (!config.ADMIN_EMAIL || (await comptes.compterComptes()) > 0) return undefined;
  return comptes.creerCompte({ email: config.ADMIN_EMAIL, nom: config.ADMIN_NOM, roles: ['admin'] }, 'systeme');
}

/** Creates the demo accounts on an empty store; how many were created. */
export async function comptesDeDemo(comptes: ComptesStore): Promise<number> {
  if ((await comptes.compterComptes()) > 0) return 0;
  for (const c of COMPTES_DE_DEMO) await comptes.creerCompte(c, 'demo');
  return COMPTES_DE_DEMO.length;
}

/** A fresh one-time sign-in link for the demo admin, when that account exists and is active. */
export async function lienAdminDeDemo(comptes: ComptesStore, publicUrl: string, ttlMs: number): Promise<string | undefined> {
  const admin = await comptes.compteParEmail(COMPTES_DE_DEMO[0]!.email);
  if (!admin?.actif) return undefined;
  const { jeton } = await comptes.creerLienConnexion(admin.id, ttlMs);
  return `${publicUrl.replace(/\/+$/, '')}/connexion/lien?jeton=${encodeURIComponent(jeton)}`;
}
