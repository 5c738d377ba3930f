// The figures' pages' own styles: one inline <style> block, sent as is at the top of their content and allowed by
// its SHA-256 in the content security policy (api/acces/securite.ts), like the suivi document's. The printed report
// fits one A4 page: four key figures, two charts side by side, the monthly line, the delays and the pool's load.
export const STYLE_CHIFFRES = `
  .chiffres-cles { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: 0.75rem; list-style: none; padding: 0; margin: 1rem 0; }
  .chiffres-cles li { border-left: 4px solid #003b80; background: #eef3fa; padding: 0.5rem 0.75rem; }
  .chiffres-cles strong { display: block; font-size: 1.6rem; color: #003b80; line-height: 1.2; }
  .graphiques { display: grid; grid-template-columns: 1fr; gap: 1rem; margin: 1rem 0; }
  figure.graphique { margin: 0; }
  figure.graphique figcaption { font-weight: bold; color: #003b80; margin-bottom: 0.25rem; }
  .graphique-svg { display: block; width: 100%; max-width: 36rem; height: auto; }
  .graphique.large .graphique-svg { max-width: none; }
  .periode { display: grid; grid-template-columns: 1fr; gap: 0 1rem; }
  @media (min-width: 36rem) { .periode { grid-template-columns: 1fr 1fr 1fr; } }
  input[type=date] { width: 100%; box-sizing: border-box; font: inherit; padding: 0.5rem; border: 2px solid #4a4a4a; border-radius: 4px;
    background: #ffffff; color: #1d1d1b; }
  .en-erreur input[type=date] { border-color: #b00020; }
  td.nombre, th.nombre { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .note { color: #4a4a4a; font-size: 0.9rem; }
  @media print {
    @page { size: A4; margin: 10mm 12mm; }
    .rapport h1 { font-size: 16pt; margin: 0 0 1mm; }
    .rapport h2 { font-size: 11pt; margin: 2mm 0 1mm; }
    .rapport p { margin: 1mm 0; }
    .rapport .chiffres-cles { grid-template-columns: repeat(4, 1fr); gap: 2mm; margin: 2mm 0; }
    .rapport .chiffres-cles li { padding: 1mm 2mm; background: none; border: 1px solid #000000; font-size: 8.5pt; line-height: 1.25; }
    .rapport .chiffres-cles strong { font-size: 14pt; color: #000000; }
    .rapport .graphiques { grid-template-columns: 1fr 1fr; gap: 2mm 4mm; margin: 2mm 0; }
    .rapport .graphique.large { grid-column: 1 / -1; }
    .rapport .graphique-svg { max-width: none; max-height: 62mm; }
    .rapport .graphique.large .graphique-svg { max-height: 45mm; }
    .rapport figure.graphique { break-inside: avoid; }
    .rapport figure.graphique figcaption { font-size: 9pt; color: #000000; margin: 0; }
    .rapport table { font-size: 8pt; }
    .rapport th, .rapport td { padding: 0.5mm 1.5mm; }
    .rapport .deux-colonnes { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
    .rapport .note { font-size: 7.5pt; }
  }
`;
