// Intake steps every dispositif shares.
import { armlFor, REGIONS } from '../../domain/regions';
import type { MissionLocale } from '../../domain/schemas';
import type { Notifier } from './notify';

/** DOMAIN.md: the ARML of the ML's région is always informed of a demand. */
export async function notifyArml(notifier: Notifier, ml: MissionLocale, casMobilisation: string, sujets: string[]): Promise<void> {
  const arml = armlFor(ml.region);
  await notifier.send([{ nom: arml.name, email: arml.email }], { kind: 'notification_arml', armlNom: arml.name, casMobilisation, sujets });
}

export function regionNom(ml: MissionLocale): string {
  return REGIONS[ml.region];
}
