// The suivi document as one printable French HTML page, rendered with Handlebars (auto-escaping: every value
// from the dossier is escaped). Dates in fr-FR, Europe/Paris. One layout, one body per dispositif.
import Handlebars from 'handlebars';
import { dateFr, dateHeureFr, dureeFr, eurosFr, joursFr, nombreFr, tailleFr } from '../../domain/format';
import type { DocumentSuivi } from './model';

const STATUTS_DEPLACEMENT: Record<string, string> = { en_attente: 'En attente de décision UNML', approuve: 'Approuvé', refuse: 'Refusé', realise: 'Réalisé' };

const hbs = Handlebars.create();
hbs.registerHelper('date', (iso: unknown) => (typeof iso === 'string' ? dateFr(iso) : ''));
hbs.registerHelper('dateHeure', (iso: unknown) => (typeof iso === 'string' ? dateHeureFr(iso) : ''));
hbs.registerHelper('jours', (n: unknown) => (typeof n === 'number' ? joursFr(n) : ''));
hbs.registerHelper('heures', (n: unknown) => (typeof n === 'number' ? `${nombreFr(n)} h` : ''));
hbs.registerHelper('duree', (n: unknown) => (typeof n === 'number' ? dureeFr(n) : ''));
hbs.registerHelper('euros', (n: unknown) => (typeof n === 'number' ? eurosFr(n) : ''));
hbs.registerHelper('taille', (n: unknown) => (typeof n === 'number' ? tailleFr(n) : ''));
hbs.registerHelper('statutDeplacement', (s: unknown) => STATUTS_DEPLACEMENT[String(s)] ?? String(s));
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

hbs.registerPartial(
  'ficheBilan',
  `<section class="partie" id="fiche-bilan">
  <h2>{{titre}}</h2>
  {{#if renseignee}}
  <h3>Reprise des objectifs</h3>
  <table><thead><tr><th>Objectif</th><th>Atteint</th><th>Commentaire</th></tr></thead><tbody>
  {{#each objectifs}}<tr><td>{{objectif}}</td><td>{{#if atteint}}Oui{{else}}Non{{/if}}</td><td>{{commentaire}}</td></tr>{{/each}}
  </tbody></table>
  <h3>Recommandations</h3><p class="texte">{{recommandations}}</p>
  <h3>Points de vigilance</h3><p class="texte">{{pointsDeVigilance}}</p>
  {{else}}<p class="vide">À venir : la fiche bilan est établie après les visios bilan.</p>{{/if}}
</section>`,
);

/** The document's inline style (exported for the content security policy, api/acces/securite.ts). */
export const STYLE = `
  :root { --accent: #1d3c78; --gris: #5f6b7a; --ligne: #d5dbe3; }
  * { box-sizing: border-box; }
  body { font-family: "Marianne", "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 0; line-height: 1.45; font-size: 15px; }
  main { max-width: 960px; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
  header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; padding-bottom: 1rem; }
  h1 { color: var(--accent); font-size: 1.6rem; margin: 0 0 .5rem; }
  h2 { color: var(--accent); font-size: 1.25rem; border-bottom: 1px solid var(--ligne); padding-bottom: .25rem; margin-top: 2rem; }
  h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
  dl.reference { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
  dl.reference dt { color: var(--gris); }
  dl.reference dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
  th, td { border: 1px solid var(--ligne); padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #eef2f8; }
  tfoot td { font-weight: bold; }
  .texte { white-space: pre-line; }
  .vide { color: var(--gris); font-style: italic; }
  .atteint { color: #1f7a3a; }
  footer { margin-top: 3rem; color: var(--gris); font-size: .85rem; border-top: 1px solid var(--ligne); padding-top: .75rem; }
  @media print {
    @page { size: A4; margin: 18mm 15mm; }
    body { font-size: 10.5pt; }
    main { max-width: none; padding: 0; }
    h2 { break-after: avoid; }
    section.partie { break-before: page; }
    section.partie:first-of-type { break-before: auto; }
    tr, li { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
    a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; color: var(--gris); }
  }
`;

const LAYOUT = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{titre}}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
  <h1>{{titre}}</h1>
  <dl class="reference">
    <dt>Référence du dossier</dt><dd>{{dossierId}}</dd>
    <dt>Mission Locale</dt><dd>{{missionLocale.nom}} ({{missionLocale.regionNom}})</dd>
    <dt>Demande déposée le</dt><dd>{{date deposeLe}}</dd>
    {{#if interlocutrice}}<dt>Interlocutrice UNML</dt><dd>{{interlocutrice.nom}} ({{interlocutrice.email}})</dd>{{/if}}
    {{#if issuDe}}<dt>Issu du diagnostic</dt><dd>{{issuDe}}</dd>{{/if}}
    {{#if aConduitA}}<dt>A conduit au dossier</dt><dd>{{aConduitA}}</dd>{{/if}}
    {{> intervenants}}
    <dt>Document établi le</dt><dd>{{dateHeure genereLe}}</dd>
  </dl>
</header>
{{> corps}}
<footer>Document de suivi établi par l’UNML à partir du dossier {{dossierId}}. Les heures sont celles de Paris.</footer>
</main>
</body>
</html>`;

const APPUI_CONSEIL_INTERVENANTS = `{{#if intervenants.cabinet}}<dt>Cabinet</dt><dd>{{intervenants.cabinet.nom}} ({{#each intervenants.cabinet.consultants}}
  {{~#unless @first}}, {{/unless}}{{this}}{{/each}})</dd>{{/if}}
{{#if intervenants.membresReseau.length}}<dt>Membres du réseau</dt><dd>{{#each intervenants.membresReseau}}{{#unless @first}}, {{/unless}}{{nom}} ({{region}})
  {{~/each}}</dd>{{/if}}`;

const APPUI_CONSEIL_CORPS = `{{#with parties.rapportDiagnostic}}
<section class="partie" id="rapport-diagnostic">
  <h2>{{titre}}</h2>
  {{#if renseigne}}
  <p class="vide">Diagnostic flash déposé le {{date deposeLe}}.</p>
  <h3>Constats</h3><p class="texte">{{constats}}</p>
  <h3>Conclusions</h3><p class="texte">{{conclusions}}</p>
  {{else}}<p class="vide">À venir : le cabinet dépose le rapport du diagnostic flash.</p>{{/if}}
</section>
{{/with}}
{{#with parties.ficheCadrage}}
<section class="partie" id="fiche-cadrage">
  <h2>{{titre}}</h2>
  {{#if besoin}}<h3>Besoin</h3><p class="texte">{{besoin}}</p>{{/if}}
  {{#if renseignee}}<h3>Objectifs</h3><ol>{{#each objectifs}}<li>{{this}}</li>{{/each}}</ol>
  {{else}}<p class="vide">À venir : les objectifs sont fixés après le diagnostic.</p>{{/if}}
</section>
{{/with}}
{{#with parties.ficheSuiviIntermediaire}}
<section class="partie" id="fiche-suivi-intermediaire">
  <h2>{{titre}}</h2>
  <h3>Plan d’action</h3>
  {{#if planAction.length}}
  <table><thead><tr><th>N°</th><th>Action</th><th>Responsable</th><th>Jalons</th></tr></thead><tbody>
  {{#each planAction}}<tr><td>{{numero}}</td><td>{{intitule}}</td><td>{{responsable.nom}}<br><small>{{responsable.email}}</small></td>
  <td><ul>{{#each jalons}}<li>{{libelle}} : {{date date}}{{#if atteintLe}} — <span class="atteint">atteint le {{date atteintLe}}</span>{{/if}}</li>
    {{~/each}}</ul></td></tr>{{/each}}
  </tbody></table>
  <h3>Rétroplanning indicatif</h3>
  <table><thead><tr><th>Date</th><th>Jalon</th><th>Action</th><th>Responsable</th><th>État</th></tr></thead><tbody>
  {{#each retroplanning}}<tr><td>{{date date}}</td><td>{{libelle}}</td><td>{{action}}. {{intitule}}</td><td>{{responsable}}</td><td>
    {{~#if atteint}}<span class="atteint">Atteint le {{date atteintLe}}</span>{{else}}Prévu{{/if}}</td></tr>{{/each}}
  </tbody></table>
  {{else}}<p class="vide">À venir : le plan d’action suit la fiche de cadrage.</p>{{/if}}

  <h3>Journées d’intervention</h3>
  {{#with journees}}
  {{#if liste.length}}
  <table><thead><tr><th>Date</th><th>Intervenant</th><th>Durée</th><th>Objet</th></tr></thead><tbody>
  {{#each liste}}<tr><td>{{date date}}</td><td>{{intervenant}}</td><td>{{#if (eq demiJournees 1)}}Demi-journée{{else}}Journée{{/if}}</td><td>
    {{~objet}}</td></tr>{{/each}}
  </tbody><tfoot><tr><td colspan="2">Total</td><td colspan="2">{{jours totalJours}}</td></tr></tfoot></table>
  <p>Par intervenant : {{#each parIntervenant}}{{#unless @first}} ; {{/unless}}{{intervenant}} : {{jours jours}}{{/each}}.</p>
  {{else}}<p class="vide">Aucune journée d’intervention enregistrée.</p>{{/if}}
  <p>Budget : {{budget.minimumJours}} à {{budget.maximumJours}} jours
    {{~#if budget.extensionsJours}}, étendu de {{jours budget.extensionsJours}} par l’UNML (soit {{jours budget.totalJours}})
    {{~/if}} ; réalisé : {{jours totalJours}} ; restant : {{jours budget.restantJours}}.</p>
  {{#if extensions.length}}<ul>{{#each extensions}}<li>Extension de {{jours jours}} le {{date le}} : {{motif}}</li>{{/each}}</ul>{{/if}}
  {{/with}}

  <h3>Déplacements</h3>
  {{#if deplacements.length}}
  <table><thead><tr><th>N°</th><th>Qui</th><th>Où</th><th>Quand</th><th>Motif</th><th>Coût estimé</th><th>Décision UNML</th></tr></thead><tbody>
  {{#each deplacements}}<tr><td>{{numero}}</td><td>{{qui}}</td><td>{{ou}}</td><td>{{date quand}}</td><td>{{pourquoi}}</td><td>{{euros coutEstimeEuros}}</td>
  <td>{{statutDeplacement statut}}{{#if decisionLe}} le {{date decisionLe}}{{/if}}{{#if motifDecision}} : {{motifDecision}}{{/if}}{{#if realiseLe}} (réalisé)
    {{~/if}}</td></tr>{{/each}}
  </tbody></table>
  {{else}}<p class="vide">Aucun déplacement (ils sont exceptionnels et approuvés au préalable par l’UNML).</p>{{/if}}

  <h3>Appels de suivi</h3>
  {{#if cadenceAppelsJours}}<p>Fréquence convenue : un appel tous les {{cadenceAppelsJours}} jours.</p>{{/if}}
  {{#if appels.length}}
  <table><thead><tr><th>Date</th><th>Avec</th><th>Résumé</th></tr></thead><tbody>
  {{#each appels}}<tr><td>{{date date}}</td><td>{{avec}}</td><td class="texte">{{resume}}</td></tr>{{/each}}
  </tbody></table>
  {{else}}<p class="vide">Aucun appel enregistré.</p>{{/if}}
</section>
{{/with}}
{{#with parties.ficheBilan}}{{> ficheBilan}}{{/with}}
<section id="livrables">
  <h2>Livrables du cabinet</h2>
  {{#if livrables.length}}
  <ul>{{#each livrables}}<li>{{numero}}. {{#if url}}<a href="{{url}}">{{nom}}</a>{{else}}{{nom}} ({{taille fichier.tailleOctets}})
    {{~/if}}, ajouté le {{date ajouteLe}}</li>{{/each}}</ul>
  {{else}}<p class="vide">Aucun livrable.</p>{{/if}}
</section>`;

const COMPAGNONNAGE_INTERVENANTS = `{{#if intervenant}}<dt>Intervenant</dt><dd>{{intervenant.nom}} ({{intervenant.region}})</dd>{{/if}}`;

const COMPAGNONNAGE_CORPS = `{{#with parties.ficheCadrage}}
<section class="partie" id="fiche-cadrage">
  <h2>{{titre}}</h2>
  {{#if renseignee}}
  <h3>Besoin</h3><p class="texte">{{besoin}}</p>
  <h3>Objectifs</h3><ol>{{#each objectifs}}<li>{{this}}</li>{{/each}}</ol>
  <h3>Rythme</h3><p>{{rythme.heuresParSemaine}} h par semaine pendant {{rythme.semaines}} semaines.</p>
  {{else}}<p class="vide">À venir : la fiche de cadrage précise le besoin, les objectifs et le rythme.</p>{{/if}}
</section>
{{/with}}
{{#with parties.ficheSuivi}}
<section class="partie" id="fiche-suivi">
  <h2>{{titre}}</h2>
  {{#if seances.length}}
  <table><thead><tr><th>N°</th><th>Date</th><th>Durée</th><th>Synthèse</th><th>Statut</th></tr></thead><tbody>
  {{#each seances}}<tr><td>{{numero}}</td><td>{{date date}}</td><td>{{duree dureeMinutes}}</td><td class="texte">{{resume}}</td><td>
    {{~statut}}</td></tr>{{/each}}
  </tbody></table>
  {{else}}<p class="vide">Aucune séance enregistrée.</p>{{/if}}
  {{#if prochaines.length}}<h3>Prochaines séances</h3><ul>{{#each prochaines}}<li>{{dateHeure debut}} ({{duree dureeMinutes}})</li>{{/each}}</ul>{{/if}}
  <p>Forfait : {{heures heures.forfaitHeures}}{{#if heures.extensionsHeures}} (dont {{heures heures.extensionsHeures}} d’extension)
    {{~/if}} ; réalisé : {{heures heures.consommeesHeures}}.</p>
</section>
{{/with}}
{{#with parties.ficheBilan}}{{> ficheBilan}}{{/with}}`;

const DIAGNOSTIC_INTERVENANTS = `{{#if binome.length}}<dt>Binôme de diagnostiqueurs</dt><dd>{{#each binome}}{{#unless @first}} ; {{/unless}}{{nom}}
  {{~#if region}} ({{region}}){{/if}}, {{role}}{{#unless accepteLe}} (n’a pas encore accepté){{/unless}}{{/each}}</dd>{{/if}}`;

const DIAGNOSTIC_CORPS = `{{#with parties.rapportCroise}}
<section class="partie" id="rapport-diagnostic">
  <h2>{{titre}}</h2>
  {{#if renseigne}}
  <p class="vide">Rapport croisé du binôme, version {{version}}, déposé le {{dateHeure deposeLe}}.</p>
  <h3>Constats</h3><p class="texte">{{constats}}</p>
  <h3>Préconisations</h3><ol>{{#each preconisations}}<li>{{this}}</li>{{/each}}</ol>
  {{#if divergences}}<h3>Divergences éclaircies</h3><p class="texte">{{divergences}}</p>{{/if}}
  <h3>Retours de la Mission Locale</h3>
  {{#if retoursMl.length}}<ul>{{#each retoursMl}}<li>Le {{dateHeure le}}{{#if par}} ({{par}}){{/if}}, sur la version {{version}} : {{commentaire}}</li>
    {{~/each}}</ul>
  {{else}}<p class="vide">Aucun retour pour le moment.</p>{{/if}}
  {{#if modifications.length}}<h3>Modifications</h3>
  <ul>{{#each modifications}}<li>Le {{dateHeure le}}{{#if par}} ({{par}}){{/if}} : {{motif}}</li>{{/each}}</ul>{{/if}}
  {{else}}<p class="vide">À venir : le binôme croise ses rapports normés pour rédiger le rapport de diagnostic.</p>{{/if}}
</section>
{{/with}}
{{#with parties.conclusion}}
<section id="conclusion">
  <h2>{{titre}}</h2>
  {{#if renseignee}}
  <p class="vide">Diagnostic conclu le {{dateHeure le}}.</p>
  <h3>Conclusions</h3><p class="texte">{{conclusions}}</p>
  <h3>Suite proposée</h3>
  <p>{{#if accompagnement}}Accompagnement proposé à la Mission Locale : {{accompagnement}}.{{else}}Pas d’accompagnement proposé : {{motif}}{{/if}}</p>
  {{else}}<p class="vide">À venir : la revue finale avec l’UNML conclut le diagnostic, avec ou sans accompagnement proposé.</p>{{/if}}
</section>
{{/with}}
{{#with parties.rendezVous}}
<section class="partie" id="rendez-vous">
  <h2>{{titre}}</h2>
  {{#if liste.length}}
  <table><thead><tr><th>Rendez-vous</th><th>Date et heure</th><th>Durée</th><th>État</th><th>Compte rendu</th></tr></thead><tbody>
  {{#each liste}}<tr><td>{{nom}}</td><td>{{dateHeure debut}}</td><td>{{duree dureeMinutes}}</td><td>{{#if tenu}}Tenu{{else}}Prévu{{/if}}</td><td class="texte">
    {{~compteRendu}}</td></tr>{{/each}}
  </tbody></table>
  {{else}}<p class="vide">Aucun rendez-vous planifié.</p>{{/if}}
</section>
{{/with}}
{{#with parties.analyses}}
<section id="analyses">
  <h2>{{titre}}</h2>
  {{#if liste.length}}{{#each liste}}<h3>{{role}}{{#if nom}} — {{nom}}{{/if}}, le {{dateHeure le}}</h3><p class="texte">{{synthese}}</p>{{/each}}
  {{else}}<p class="vide">À venir : chaque diagnostiqueur·se analyse d’abord le dossier de son côté.</p>{{/if}}
</section>
{{/with}}
{{#with parties.programme}}
<section id="programme">
  <h2>{{titre}}</h2>
  {{#if renseigne}}
  <p>Proposé à la direction le {{dateHeure proposeLe}} :</p><ul>{{#each rencontres}}<li>{{this}}</li>{{/each}}</ul>
  {{#if validation}}<p>{{#if validation.accepte}}<span class="atteint">Convenu avec la direction</span>{{else}}Changements demandés par la direction{{/if}} le
    {{dateHeure validation.le}}{{#if validation.par}} ({{validation.par}}){{/if}}{{#if validation.commentaire}} : {{validation.commentaire}}{{/if}}.</p>
  {{else}}<p class="vide">En attente de la réponse de la direction.</p>{{/if}}
  {{else}}<p class="vide">À venir : le binôme propose à la direction les personnes à rencontrer lors de la journée sur site.</p>{{/if}}
</section>
{{/with}}
{{#with parties.debriefing}}
<section id="debriefing">
  <h2>{{titre}}</h2>
  {{#if renseigne}}<p>Le {{dateHeure le}}, premières pistes de travail :</p><ul>{{#each pistes}}<li>{{this}}</li>{{/each}}</ul>
  {{else}}<p class="vide">À venir : après la journée sur site, le débriefing avec l’UNML dégage les premières pistes.</p>{{/if}}
</section>
{{/with}}
{{#with parties.rapportsIndividuels}}
<section id="rapports-normes">
  <h2>{{titre}}</h2>
  {{#if liste.length}}{{#each liste}}
  <h3>{{role}}{{#if nom}} — {{nom}}{{/if}}, le {{dateHeure le}}</h3>
  <table><tbody><tr><th>Forces</th><td class="texte">{{forces}}</td></tr><tr><th>Faiblesses</th><td class="texte">{{faiblesses}}</td></tr>
  <tr><th>Préconisations</th><td><ol>{{#each preconisations}}<li>{{this}}</li>{{/each}}</ol></td></tr></tbody></table>
  {{/each}}{{else}}<p class="vide">À venir : chaque diagnostiqueur·se remplit seul·e son rapport normé après le débriefing.</p>{{/if}}
</section>
{{/with}}
{{#with parties.precisions}}
<section id="precisions">
  <h2>{{titre}}</h2>
  {{#if liste.length}}
  <table><thead><tr><th>N°</th><th>Question</th><th>Réponse de la Mission Locale</th></tr></thead><tbody>
  {{#each liste}}<tr><td>{{numero}}</td><td class="texte">{{question}}<br><small>le {{dateHeure le}}{{#if par}} ({{par}}){{/if}}</small></td><td class="texte">
    {{~#if reponse}}{{reponse.texte}}<br><small>le {{dateHeure reponse.le}}{{#if reponse.par}} ({{reponse.par}}){{/if}}</small>
    {{~else}}En attente{{/if}}</td></tr>
    {{~/each}}
  </tbody></table>
  {{else}}<p class="vide">Aucune question posée à la Mission Locale.</p>{{/if}}
</section>
{{/with}}`;

const layout = hbs.compile(LAYOUT);
/** What differs per dispositif: the people in the header and the body (its parts). */
const PARTIALS: Record<DocumentSuivi['dispositif'], Record<'intervenants' | 'corps', HandlebarsTemplateDelegate>> = {
  appui_conseil: { intervenants: hbs.compile(APPUI_CONSEIL_INTERVENANTS), corps: hbs.compile(APPUI_CONSEIL_CORPS) },
  compagnonnage: { intervenants: hbs.compile(COMPAGNONNAGE_INTERVENANTS), corps: hbs.compile(COMPAGNONNAGE_CORPS) },
  diagnostic: { intervenants: hbs.compile(DIAGNOSTIC_INTERVENANTS), corps: hbs.compile(DIAGNOSTIC_CORPS) },
};

/** The whole document as one HTML page. */
export function renderDocumentSuivi(doc: DocumentSuivi): string {
  return layout(doc, { partials: PARTIALS[doc.dispositif] });
}
