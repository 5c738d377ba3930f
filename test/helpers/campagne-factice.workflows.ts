// Stand-ins of a campaign and of one ML's child for test/campagne-planification.test.ts: they answer the real queries
// (getCampagne, getMlCampagne) with the state they were started with, until told to end. The dialogue de gestion's
// context (activities/campagne.ts contexteDialogue) is read through a real Temporal server from them.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';
import { getCampagne, getMlCampagne } from '../../workflows/campagne/messages';
import type { CampagneVue } from '../../workflows/campagne/messages';
import type { MlCampagneState } from '../../workflows/campagne/state';

export const terminerFactice = defineSignal('terminerFactice');

async function jusquaLaFin(): Promise<void> {
  let fini = false;
  setHandler(terminerFactice, () => {
    fini = true;
  });
  await condition(() => fini);
}

export async function campagneFactice(vue: CampagneVue): Promise<void> {
  setHandler(getCampagne, () => vue);
  await jusquaLaFin();
}

export async function mlCampagneFactice(etat: MlCampagneState): Promise<void> {
  setHandler(getMlCampagne, () => etat);
  await jusquaLaFin();
}
