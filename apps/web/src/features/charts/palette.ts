/** Node colours for the charts: Okabe–Ito, distinguishable with colour-blindness. */
const NODE_COLORS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
  '#999999',
];

export const nodeColor = (id: number): string => NODE_COLORS[(id - 1) % NODE_COLORS.length];
