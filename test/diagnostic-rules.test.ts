import { demandeDiagnosticSchema, diagnosticRecevabilite, refusDiagnostiqueur, roleDiagnosticDe } from '../domain/diagnostic';

const demande = {
  missionLocale: { code: 'ML-ROUEN', nom: 'Mission Locale de Rouen', region: 'NOR' },
  demandeur: 'presidence',
  direction: { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' },
  presidence: { nom: 'Jean Dubois', email: 'presidence@ml-rouen.fr' },
  sujets: ['gouvernance', 'finances'],
  description: 'Un regard extérieur sur notre gouvernance.',
};

describe('Diagnostic demand (seed 000)', () => {
  it('is asked by the présidence or the direction, on at least one theme of the pool', () => {
    expect(demandeDiagnosticSchema.safeParse(demande).success).toBe(true);
    expect(demandeDiagnosticSchema.safeParse({ ...demande, demandeur: 'conseiller' }).success).toBe(false);
    expect(demandeDiagnosticSchema.safeParse({ ...demande, sujets: [] }).success).toBe(false);
    expect(demandeDiagnosticSchema.safeParse({ ...demande, sujets: ['theme_inconnu'] }).success).toBe(false);
  });

  it('has no eligibility rule beyond its shape', () => {
    expect(diagnosticRecevabilite({ sujets: ['gouvernance'] })).toEqual({ recevable: true });
  });
});

describe('Diagnostic binôme (seed 000 impartiality)', () => {
  it('takes a cabinet consultant and an ML director, by kind', () => {
    expect(roleDiagnosticDe('consultant_cabinet')).toBe('diagnostiqueur_consultant');
    expect(roleDiagnosticDe('directeur_ml')).toBe('diagnostiqueur_directeur');
    expect(roleDiagnosticDe('expert_reseau')).toBeNull();
  });

  it('refuses the wrong kind for the role', () => {
    expect(refusDiagnostiqueur({ type: 'directeur_ml', region: 'BRE' }, 'diagnostiqueur_consultant', 'NOR')).toMatch(/consultant·e de cabinet/);
    expect(refusDiagnostiqueur({ type: 'expert_reseau', region: 'BRE' }, 'diagnostiqueur_directeur', 'NOR')).toMatch(/directeur·rice de Mission Locale/);
  });

  it('refuses a diagnostiqueur of the ML’s own région, consultant or director', () => {
    expect(refusDiagnostiqueur({ type: 'consultant_cabinet', region: 'NOR' }, 'diagnostiqueur_consultant', 'NOR')).toMatch(
      /Impartialité.*propre région \(Normandie\)/,
    );
    expect(refusDiagnostiqueur({ type: 'directeur_ml', region: 'NOR' }, 'diagnostiqueur_directeur', 'NOR')).toMatch(/propre région/);
  });

  it('accepts each role from another région', () => {
    expect(refusDiagnostiqueur({ type: 'consultant_cabinet', region: 'IDF' }, 'diagnostiqueur_consultant', 'NOR')).toBeNull();
    expect(refusDiagnostiqueur({ type: 'directeur_ml', region: 'BRE' }, 'diagnostiqueur_directeur', 'NOR')).toBeNull();
  });
});
