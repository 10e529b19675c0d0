// A tile-grid map of China: one equal tile per province-level division in its rough position
// (column, row). It needs no boundary data (no published map, no 审图号) and reads better for
// counts than areas do.
export const TILES = [
  ['黑龙江', 'Heilongjiang', 8, 0],
  ['内蒙古', 'Inner Mongolia', 5, 1], ['吉林', 'Jilin', 8, 1],
  ['新疆', 'Xinjiang', 1, 2], ['甘肃', 'Gansu', 3, 2], ['宁夏', 'Ningxia', 4, 2], ['北京', 'Beijing', 6, 2],
  ['天津', 'Tianjin', 7, 2], ['辽宁', 'Liaoning', 8, 2],
  ['青海', 'Qinghai', 2, 3], ['陕西', 'Shaanxi', 4, 3], ['山西', 'Shanxi', 5, 3], ['河北', 'Hebei', 6, 3],
  ['山东', 'Shandong', 7, 3],
  ['西藏', 'Tibet', 2, 4], ['四川', 'Sichuan', 3, 4], ['重庆', 'Chongqing', 4, 4], ['河南', 'Henan', 5, 4],
  ['安徽', 'Anhui', 6, 4], ['江苏', 'Jiangsu', 7, 4], ['上海', 'Shanghai', 8, 4],
  ['贵州', 'Guizhou', 4, 5], ['湖北', 'Hubei', 5, 5], ['江西', 'Jiangxi', 6, 5], ['浙江', 'Zhejiang', 7, 5],
  ['云南', 'Yunnan', 3, 6], ['广西', 'Guangxi', 4, 6], ['湖南', 'Hunan', 5, 6], ['福建', 'Fujian', 7, 6],
  ['台湾', 'Taiwan', 8, 6],
  ['广东', 'Guangdong', 5, 7], ['香港', 'Hong Kong', 6, 7],
  ['海南', 'Hainan', 4, 8], ['澳门', 'Macao', 5, 8],
].map(([name, en, col, row]) => ({ name, en, col, row }));

// The tile a stored province name belongs to ("浙江省", "广西壮族自治区" and "浙江" alike).
export function tileOf(province) {
  if (!province) return null;
  return TILES.find((t) => province === t.name || province.startsWith(t.name)) || null;
}

// 0 … 1 → a blue from light to dark (the tiles' fill), with the text colour (white or black)
// that contrasts more with it: one of them always reaches 4.5:1 (WCAG AA).
export function shade(share) {
  const s = Math.max(0, Math.min(1, share));
  const light = [232, 241, 252];
  const dark = [11, 87, 208];
  const c = light.map((l, i) => Math.round(l + (dark[i] - l) * s));
  const channel = (v) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const onWhite = 1.05 / (lum + 0.05);
  const onBlack = (lum + 0.05) / 0.05;
  return { background: `rgb(${c.join(',')})`, color: onWhite > onBlack ? '#fff' : '#000' };
}
