/**
 * Builds popup content with DOM nodes and textContent, never HTML strings, so that names from
 * imported data cannot inject markup.
 */
export function stationPopup(station: {
  name: string;
  code: string;
  area: string;
  country: string;
}): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  const title = document.createElement('h3');
  title.textContent = station.name;
  root.append(title);
  const list = document.createElement('dl');
  for (const [term, value] of [
    ['Code', station.code],
    ['Area', station.area],
    ['Country', station.country],
  ] as const) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }
  root.append(list);
  return root;
}
