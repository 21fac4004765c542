/**
 * Deterministic, plausible-sounding names and codes for generated places. Synthetic place names are
 * built from syllables loosely flavoured by world region, so a map of demo data does not read as
 * one language everywhere; they are invented and do not name real places.
 */
import type { Rng } from './random';

interface SyllableSet {
  starts: readonly string[];
  middles: readonly string[];
  ends: readonly string[];
}

const split = (s: string) => s.split(' ');

const SETS: Record<string, SyllableSet> = {
  arabic: {
    starts: split('Al Bir Ras Tal Wad Ain Jab Kha Qas Sha Mar Zar Dar Hab Nab'),
    middles: split('a i u ar ab ad ir am'),
    ends: split('iya an ah in ur at ib ra ein un'),
  },
  sahel: {
    starts: split('Ba Ko Ma Ni Dou Sa Ga Ta Ke Bou Kou Di Se Fa Yo Ti'),
    middles: split('ra ba ko ni ma la dou ga'),
    ends: split('ro ni ko ga ba dougou bougou kro ma lé'),
  },
  bantu: {
    starts: split('Ka Ki Mu Nya Bu Ma Ru Tu Ngo Wa Lu Mbe Zi Si Ba Ga Ki'),
    middles: split('ra li mba nge to si ru ka'),
    ends: split('ni la wa ro go ma ta ra mbo nde'),
  },
  southasia: {
    starts: split('Kan Bad Pur Gar Shah Dar Mir Ban Jal Gul Zar Nag Ram Har Sul'),
    middles: split('a i o ab an ar'),
    ends: split('abad pur garh ganj kot nagar gram shahr'),
  },
  latin: {
    starts: split('San Santa Villa Puerto Ro Sa La Ma Ca Ta Ri Mi Ve Flo Al'),
    middles: split('ra li ne ma do ca te'),
    ends: split('ra na co to llo ina ales itos ada ón'),
  },
  eastasia: {
    starts: split('Ban Pa Lu Ta Kam Song Lam Mae Nam Phu Kon Sa Bo Tri Hoa'),
    middles: split('a o an ong i'),
    ends: split('buri pong lang tho yen chai nam khet'),
  },
  slavic: {
    starts: split('Vo Gra Do Po Ni Sla Mi Bo Kra Li Sto Ze Ra Ko'),
    middles: split('vo li ro de ni mi'),
    ends: split('ovo grad ets sk ino ava ica ovka'),
  },
  pacific: {
    starts: split('Ta Na Ma Ki Lo Fa Va Ra Ti Tu Pa Ho'),
    middles: split('ka la ra mo nu'),
    ends: split('a u i iti ua oa'),
  },
  european: {
    starts: split('Ber Hal Lin Bel Mon Ros Wal Her Ast Kel Dor Fal'),
    middles: split('en er an el in'),
    ends: split('berg ham dorf ville stad heim ford mont'),
  },
};

const ARABIC_SUBREGIONS = new Set(['Northern Africa', 'Western Asia']);
const SAHEL = new Set(['Western Africa']);

/** Picks the syllable set for a country from its world-countries region and subregion. */
function setFor(region: string, subregion: string): SyllableSet {
  if (ARABIC_SUBREGIONS.has(subregion)) return SETS.arabic as SyllableSet;
  if (SAHEL.has(subregion)) return SETS.sahel as SyllableSet;
  if (region === 'Africa') return SETS.bantu as SyllableSet;
  if (subregion === 'Southern Asia' || subregion === 'Central Asia') return SETS.southasia as SyllableSet;
  if (region === 'Americas') return SETS.latin as SyllableSet;
  if (region === 'Asia') return SETS.eastasia as SyllableSet;
  if (subregion === 'Eastern Europe' || subregion === 'Southeast Europe') return SETS.slavic as SyllableSet;
  if (region === 'Oceania') return SETS.pacific as SyllableSet;
  return SETS.european as SyllableSet;
}

/** A place name such as "Kiruni", "Bir Sharan" or "Santa Ralina", flavoured by region. */
export function placeName(rng: Rng, region: string, subregion: string): string {
  const set = setFor(region, subregion);
  const start = rng.pick(set.starts);
  const middle = rng.bool(0.45) ? rng.pick(set.middles) : '';
  const end = rng.pick(set.ends);
  const joinWithSpace = ['San', 'Santa', 'Villa', 'Puerto', 'Al', 'Bir', 'Ras', 'Tal', 'Ain'].includes(start);
  if (joinWithSpace) {
    const word = rng.pick(set.starts.filter((s) => !s.includes(' ') && s.length <= 3)) + middle + end;
    return `${start} ${capitalise(word.toLowerCase())}`;
  }
  return capitalise((start + middle + end).toLowerCase());
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Upper-case ASCII letters of a name, accents removed ("Gonaïves" → "GONAIVES"). */
function letters(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * A three-letter code for a place, unique among `taken` (which it extends): the first letter and
 * the next consonants when free (Kabul → KBL, Kandahar → KND), otherwise other letters of the
 * name in order, and as a last resort the first letter with two digits.
 */
export function placeCode(name: string, taken: Set<string>): string {
  const l = letters(name).padEnd(3, 'X');
  const first = l[0] as string;
  const consonants = l.slice(1).replace(/[AEIOU]/g, '');
  const candidates: string[] = [];
  if (consonants.length >= 2) candidates.push(first + consonants.slice(0, 2));
  for (let i = 1; i < l.length; i++) {
    for (let j = i + 1; j < l.length; j++) candidates.push(first + l[i] + l[j]);
  }
  for (const c of candidates) {
    if (!taken.has(c)) {
      taken.add(c);
      return c;
    }
  }
  for (let n = 1; n < 100; n++) {
    const c = `${first}${String(n).padStart(2, '0')}`;
    if (!taken.has(c)) {
      taken.add(c);
      return c;
    }
  }
  throw new Error(`no free code for ${name}`);
}

const STREETS = (
  'Airport|Independence|Unity|Market|Peace|Hospital|Ministries|Station|Lake|Harbour|Garden|Embassy|River|Hill|' +
  'Coast|University|Parliament|Cathedral|Mosque|Victory|Liberation|Stadium|Mission|Customs|Tower'
).split('|');
const STREET_KINDS = split('Road Avenue Street Boulevard Lane');
const ADDRESS_PREFIXES = split('Plot House Building Compound Villa');

/** A plausible street address at a duty station, e.g. "Plot 14, Airport Road, Juba". */
export function streetAddress(rng: Rng, stationName: string, countryName: string): string {
  const prefix = rng.pick(ADDRESS_PREFIXES);
  return `${prefix} ${rng.int(1, 240)}, ${rng.pick(STREETS)} ${rng.pick(STREET_KINDS)}, ${stationName}, ${countryName}`;
}
