// The dossier page's designation block (api/pages/staff/designation.ts), for each shape of ranking the descriptors give:
// one role (Compagnonnage, Appui Conseil's network member) or each role of a Diagnostic's binôme still to fill; nothing
// at a step that designates nobody.
import type { WorkflowHandle } from '@temporalio/client';
import type { VivierStore } from '../db/store';
import type { DispositifApi } from '../api/dossiers/descripteur';
import { ApiError } from '../api/errors';
import { blocDesignation } from '../api/pages/staff/designation';
import type { Classement } from '../domain/vivier';

/** The block as a browser reads it (Handlebars escapes "=" in attributes). */
const bloc = async (...args: Parameters<typeof blocDesignation>) => (await blocDesignation(...args))?.replace(/&#x3D;/g, '=');

const handle = { workflowId: 'DGN-0123456789' } as WorkflowHandle;
const vivier = {} as VivierStore;
const apiQuiClasse = (classement: () => Promise<unknown>) => ({ designation: { classement } }) as unknown as DispositifApi;

const eligible = (id: string, nom: string, type: Classement['type'], rang: number): Classement => ({
  intervenantId: id,
  nom,
  type,
  region: 'BRE',
  eligible: true,
  score: 80,
  rang,
  exclusions: [],
  raisons: ['Expertise : 2 sujets sur 3 couverts'],
});
const ecarte = (id: string, nom: string, type: Classement['type'], raison: string): Classement => ({
  intervenantId: id,
  nom,
  type,
  region: 'NOR',
  eligible: false,
  score: 0,
  exclusions: [raison],
  raisons: [],
});

it('shows each role of a Diagnostic binôme with its own candidates, confirm buttons naming the role', async () => {
  const consultant = [eligible('INT-C1', 'Claire Conseil', 'consultant_cabinet', 1)];
  const directeur = [
    eligible('INT-D1', 'David Direction', 'directeur_ml', 1),
    ecarte('INT-D2', 'Nora Normande', 'directeur_ml', 'Est de la région de la Mission Locale.'),
  ];
  const html = await bloc(
    apiQuiClasse(async () => ({
      besoin: { role: 'diagnostiqueur_consultant' },
      candidats: consultant,
      roles: [
        { role: 'diagnostiqueur_consultant', candidats: consultant },
        { role: 'diagnostiqueur_directeur', candidats: directeur },
      ],
    })),
    handle,
    vivier,
    'jeton-csrf',
  );
  expect(html).toContain('Diagnostiqueur·se consultant·e');
  expect(html).toContain('Diagnostiqueur·se directeur·rice de ML');
  expect(html).toContain('Confirmer Claire Conseil');
  expect(html).toContain('/candidats/INT-C1/confirmation?role=diagnostiqueur_consultant');
  expect(html).toContain('/candidats/INT-D1/confirmation?role=diagnostiqueur_directeur');
  // The excluded one: its reason, and only a manual choice with a motif.
  expect(html).toContain('Est de la région de la Mission Locale.');
  expect(html).not.toContain('Confirmer Nora Normande');
  expect(html).toContain('Désigner Nora Normande quand même');
  expect(html).toContain('name="_csrf" value="jeton-csrf"');
});

it('keeps the motif and shows the refusal next to the candidate it concerns', async () => {
  const html = await bloc(
    apiQuiClasse(async () => ({ besoin: { role: 'compagnon' }, candidats: [ecarte('INT-N', 'Nora Normande', 'directeur_ml', 'Est de la région.')] })),
    handle,
    vivier,
    'x',
    { intervenantId: 'INT-N', motif: 'Elle connaît la structure', alerte: 'Nora Normande ne peut pas être désignée.' },
  );
  const candidat = html!.slice(html!.indexOf('id="c-INT-N"'));
  expect(candidat).toContain('Nora Normande ne peut pas être désignée.');
  expect(candidat).toContain('>Elle connaît la structure</textarea>');
  expect(html).toMatch(/<details open>\s*<summary>Candidats écartés/);
});

it('shows nothing at a step that designates nobody, and lets any other error through', async () => {
  const aucune = apiQuiClasse(async () => {
    throw new ApiError(409, 'pas_de_designation', 'Pas de désignation à cette étape.');
  });
  expect(await bloc(aucune, handle, vivier, 'x')).toBeUndefined();
  const panne = apiQuiClasse(async () => {
    throw new Error('14 UNAVAILABLE');
  });
  await expect(blocDesignation(panne, handle, vivier, 'x')).rejects.toThrow('UNAVAILABLE');
});
