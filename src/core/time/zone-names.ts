import { data as holidayData } from 'date-holidays/data';
import { DateTime, IANAZone } from 'luxon';
import { assertZone, isValidZone } from './zone.js';

/** One zone as a menu or autocomplete shows it: "Manila (UTC+8)" with the IANA name as the value. */
export interface ZoneSuggestion {
  label: string;
  value: string;
}

export type ZoneNameReading =
  | { kind: 'zone'; zone: string }
  | { kind: 'several'; options: ZoneSuggestion[] }
  | { kind: 'abbreviation'; abbreviation: string; suggestion: string }
  | { kind: 'unknown' };

/**
 * The zones offered when nothing is typed yet (and when the bot asks someone for theirs): where OBMs' clients
 * and team members most often are, about one per offset from the Americas to New Zealand.
 */
export const COMMON_ZONES: readonly { zone: string; city: string }[] = [
  { zone: 'America/Los_Angeles', city: 'Los Angeles' },
  { zone: 'America/Denver', city: 'Denver' },
  { zone: 'America/Chicago', city: 'Chicago' },
  { zone: 'America/Mexico_City', city: 'Mexico City' },
  { zone: 'America/New_York', city: 'New York' },
  { zone: 'America/Bogota', city: 'Bogotá' },
  { zone: 'America/Sao_Paulo', city: 'São Paulo' },
  { zone: 'Europe/London', city: 'London' },
  { zone: 'Europe/Amsterdam', city: 'Amsterdam' },
  { zone: 'Africa/Lagos', city: 'Lagos' },
  { zone: 'Africa/Johannesburg', city: 'Johannesburg' },
  { zone: 'Africa/Cairo', city: 'Cairo' },
  { zone: 'Africa/Nairobi', city: 'Nairobi' },
  { zone: 'Asia/Dubai', city: 'Dubai' },
  { zone: 'Asia/Karachi', city: 'Karachi' },
  { zone: 'Asia/Kolkata', city: 'India' },
  { zone: 'Asia/Jakarta', city: 'Jakarta' },
  { zone: 'Asia/Manila', city: 'Manila' },
  { zone: 'Asia/Tokyo', city: 'Tokyo' },
  { zone: 'Australia/Sydney', city: 'Sydney' },
  { zone: 'Pacific/Auckland', city: 'Auckland' },
];

/**
 * Abbreviations people type for a zone. They name a fixed offset (EST is always UTC-5), so a person "in EST"
 * would drift an hour every summer: they are refused with the IANA zone that follows the clock they mean.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York',
  CST: 'America/Chicago', CDT: 'America/Chicago', CT: 'America/Chicago',
  MST: 'America/Denver', MDT: 'America/Denver', MT: 'America/Denver',
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage', HST: 'Pacific/Honolulu',
  AST: 'America/Halifax', ADT: 'America/Halifax', NST: 'America/St_Johns', BRT: 'America/Sao_Paulo',
  GMT: 'Europe/London', BST: 'Europe/London', WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon',
  CET: 'Europe/Amsterdam', CEST: 'Europe/Amsterdam', MET: 'Europe/Amsterdam', MEST: 'Europe/Amsterdam',
  EET: 'Europe/Athens', EEST: 'Europe/Athens', MSK: 'Europe/Moscow',
  WAT: 'Africa/Lagos', SAST: 'Africa/Johannesburg', EAT: 'Africa/Nairobi', GST: 'Asia/Dubai',
  PKT: 'Asia/Karachi', IST: 'Asia/Kolkata', WIB: 'Asia/Jakarta', PHT: 'Asia/Manila', PHST: 'Asia/Manila',
  SGT: 'Asia/Singapore', HKT: 'Asia/Hong_Kong', JST: 'Asia/Tokyo', KST: 'Asia/Seoul',
  AWST: 'Australia/Perth', ACST: 'Australia/Adelaide', AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland', NZDT: 'Pacific/Auckland',
};

/**
 * Names that are no IANA city nor a country's name in English or Dutch but that people type: short forms,
 * big cities without a zone of their own, Dutch names of foreign cities. A value with several zones is
 * a place spanning several (offered as a menu). Zones only: offsets always come from the tz database.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'nyc': ['America/New_York'], 'ny': ['America/New_York'], 'new york city': ['America/New_York'],
  'boston': ['America/New_York'], 'miami': ['America/New_York'], 'atlanta': ['America/New_York'],
  'washington': ['America/New_York'], 'washington dc': ['America/New_York'], 'dc': ['America/New_York'],
  'philadelphia': ['America/New_York'], 'florida': ['America/New_York'], 'montreal': ['America/Toronto'],
  'dallas': ['America/Chicago'], 'houston': ['America/Chicago'], 'austin': ['America/Chicago'], 'texas': ['America/Chicago'],
  'salt lake city': ['America/Denver'], 'arizona': ['America/Phoenix'],
  'la': ['America/Los_Angeles'], 'sf': ['America/Los_Angeles'], 'san francisco': ['America/Los_Angeles'],
  'bay area': ['America/Los_Angeles'], 'silicon valley': ['America/Los_Angeles'], 'san diego': ['America/Los_Angeles'],
  'seattle': ['America/Los_Angeles'], 'las vegas': ['America/Los_Angeles'], 'california': ['America/Los_Angeles'],
  'hawaii': ['Pacific/Honolulu'], 'alaska': ['America/Anchorage'],
  'uk': ['Europe/London'], 'gb': ['Europe/London'], 'britain': ['Europe/London'], 'great britain': ['Europe/London'],
  'england': ['Europe/London'], 'engeland': ['Europe/London'], 'scotland': ['Europe/London'], 'schotland': ['Europe/London'],
  'wales': ['Europe/London'], 'londen': ['Europe/London'], 'manchester': ['Europe/London'],
  'holland': ['Europe/Amsterdam'], 'the netherlands': ['Europe/Amsterdam'], 'nl': ['Europe/Amsterdam'],
  'rotterdam': ['Europe/Amsterdam'], 'den haag': ['Europe/Amsterdam'], 'the hague': ['Europe/Amsterdam'],
  'utrecht': ['Europe/Amsterdam'], 'eindhoven': ['Europe/Amsterdam'], 'groningen': ['Europe/Amsterdam'],
  'antwerpen': ['Europe/Brussels'], 'antwerp': ['Europe/Brussels'], 'brussel': ['Europe/Brussels'], 'gent': ['Europe/Brussels'],
  'parijs': ['Europe/Paris'], 'lissabon': ['Europe/Lisbon'], 'kopenhagen': ['Europe/Copenhagen'], 'praag': ['Europe/Prague'],
  'warschau': ['Europe/Warsaw'], 'wenen': ['Europe/Vienna'], 'athene': ['Europe/Athens'], 'boekarest': ['Europe/Bucharest'],
  'boedapest': ['Europe/Budapest'], 'moskou': ['Europe/Moscow'], 'kyiv': ['Europe/Kyiv'],
  'frankfurt': ['Europe/Berlin'], 'munich': ['Europe/Berlin'], 'munchen': ['Europe/Berlin'], 'hamburg': ['Europe/Berlin'],
  'keulen': ['Europe/Berlin'], 'cologne': ['Europe/Berlin'], 'barcelona': ['Europe/Madrid'], 'milan': ['Europe/Rome'],
  'milaan': ['Europe/Rome'], 'geneva': ['Europe/Zurich'], 'geneve': ['Europe/Zurich'],
  'us': ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'],
  'usa': ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'],
  'ph': ['Asia/Manila'], 'pilipinas': ['Asia/Manila'], 'cebu': ['Asia/Manila'], 'davao': ['Asia/Manila'], 'quezon city': ['Asia/Manila'],
  'mumbai': ['Asia/Kolkata'], 'bombay': ['Asia/Kolkata'], 'delhi': ['Asia/Kolkata'], 'new delhi': ['Asia/Kolkata'],
  'bangalore': ['Asia/Kolkata'], 'bengaluru': ['Asia/Kolkata'], 'chennai': ['Asia/Kolkata'], 'hyderabad': ['Asia/Kolkata'],
  'beijing': ['Asia/Shanghai'], 'peking': ['Asia/Shanghai'], 'cape town': ['Africa/Johannesburg'], 'kaapstad': ['Africa/Johannesburg'],
  'abuja': ['Africa/Lagos'], 'islamabad': ['Asia/Karachi'], 'lahore': ['Asia/Karachi'], 'bali': ['Asia/Makassar'],
};

/** Lowercase, no accents, `_` and `-` as spaces: "São_Paulo" and "sao paulo" are one key. */
export const normalizeZoneText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\-.,']+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();

/** "UTC+8", "UTC+5:30", "UTC-3", "UTC+0": the offset at `now`, so a label is true on the day it is read. */
export const offsetLabel = (zone: string, now: Date): string => {
  const minutes = DateTime.fromJSDate(now, { zone }).offset;
  const sign = minutes < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
};

/** A zone's city as a person would name it: the last part of the IANA name ("America/Toronto" -> "Toronto"). */
export const zoneCity = (zone: string): string =>
  COMMON_ZONES.find((common) => common.zone === zone)?.city ?? zone.split('/').at(-1)!.replace(/_/g, ' ');

export const zoneSuggestion = (zone: string, now: Date): ZoneSuggestion => ({ label: `${zoneCity(zone)} (${offsetLabel(zone, now)})`, value: zone });

type KeyKind = 'alias' | 'city' | 'country' | 'path';

interface NameKey {
  key: string;
  kind: KeyKind;
  zones: readonly string[];
}

interface ZoneIndex {
  keys: NameKey[];
  /** Zones first named by some country (its capital or main zone): the likelier pick among equals. */
  main: Set<string>;
}

let index: ZoneIndex | null = null;

/** Built once, on first use: about 400 zones, 200 countries in two languages, and the aliases. */
const zoneIndex = (): ZoneIndex => {
  if (index) return index;
  const countryZones = Object.values(holidayData.holidays).flatMap((country) => country.zones ?? []);
  // ICU lists some zones under an old name (Asia/Calcutta) that date-holidays spells as today (Asia/Kolkata):
  // both names find the zone, and the value is the one date-holidays uses.
  const preferred = new Map<string, string>();
  const canonical = (zone: string): string => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  // The first listed wins: date-holidays names a country's main zone first (Toronto before Thunder Bay).
  for (const zone of countryZones) {
    if (!IANAZone.isValidZone(zone)) continue;
    const id = canonical(zone);
    if (!preferred.has(id)) preferred.set(id, zone);
  }
  const valueOf = (zone: string): string => preferred.get(canonical(zone)) ?? zone;

  const keys: NameKey[] = [];
  const names = new Set([...Intl.supportedValuesOf('timeZone'), ...countryZones]);
  for (const zone of names) {
    if (!IANAZone.isValidZone(zone) || !zone.includes('/') || zone.startsWith('Etc/')) continue;
    const value = valueOf(zone);
    keys.push({ key: normalizeZoneText(zone), kind: 'path', zones: [value] });
    keys.push({ key: normalizeZoneText(zone.split('/').at(-1)!), kind: 'city', zones: [value] });
  }
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const dutch = new Intl.DisplayNames(['nl'], { type: 'region' });
  const main = new Set<string>();
  for (const [code, country] of Object.entries(holidayData.holidays)) {
    const zones = distinctClocks((country.zones ?? []).filter((zone) => IANAZone.isValidZone(zone)).map(valueOf));
    if (zones.length === 0) continue;
    main.add(zones[0]!);
    const spelled = [english.of(code), dutch.of(code), country.names?.en, country.names?.nl].filter((name): name is string => !!name);
    for (const name of new Set(spelled.map(normalizeZoneText))) keys.push({ key: name, kind: 'country', zones });
  }
  for (const [alias, zones] of Object.entries(ALIASES)) {
    const valid = zones.filter((zone) => IANAZone.isValidZone(zone));
    if (valid.length > 0) keys.push({ key: alias, kind: 'alias', zones: valid });
  }
  index = { keys, main };
  return index;
};

/**
 * A country's zones with one per clock: zones whose offsets agree all year (Detroit and New York) are one
 * choice to a person, so only the first (date-holidays lists the main zone first) is kept.
 */
const distinctClocks = (zones: readonly string[]): string[] => {
  const year = new Date().getUTCFullYear();
  const probes = [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)];
  const seen = new Set<string>();
  return zones.filter((zone) => {
    const signature = probes.map((ms) => IANAZone.create(zone).offset(ms)).join(',');
    if (seen.has(signature)) return false;
    seen.add(signature);
    return true;
  });
};

/** 0 exact, 1 the name starts with the query, 2 a later word does, 3 it is somewhere inside; null no match. */
const matchScore = (key: string, query: string): number | null => {
  if (key === query) return 0;
  if (key.startsWith(query)) return 1;
  if (key.includes(` ${query}`) || key.includes(`/${query}`)) return 2;
  if (query.length >= 3 && key.includes(query)) return 3;
  return null;
};

interface Ranked {
  zone: string;
  score: number;
}

const rankZones = (query: string): Ranked[] => {
  const { keys, main } = zoneIndex();
  const best = new Map<string, number>();
  const typedPath = query.includes('/');
  for (const { key, kind, zones } of keys) {
    const found = matchScore(key, query);
    if (found === null) continue;
    // "am" is the start of Amsterdam and of every America/… name: a city, country or alias starting with the
    // text comes before a region prefix, unless a region is what was typed.
    const score = kind === 'path' && !typedPath ? Math.max(found, 2) : found;
    zones.forEach((zone, position) => {
      // Within a country or alias the listed order counts: the main zone first.
      const value = score * 1000 + position;
      if (value < (best.get(zone) ?? Infinity)) best.set(zone, value);
    });
  }
  const common = new Set(COMMON_ZONES.map((entry) => entry.zone));
  const bonus = (zone: string): number => (common.has(zone) ? 0 : main.has(zone) ? 1 : 2);
  return [...best]
    .map(([zone, score]) => ({ zone, score }))
    .sort((a, b) => Math.floor(a.score / 1000) - Math.floor(b.score / 1000) || a.score - b.score || bonus(a.zone) - bonus(b.zone) || a.zone.localeCompare(b.zone));
};

/** The common zones west to east by their offset at `now`, as offered before anything is typed. */
const commonSuggestions = (now: Date): ZoneSuggestion[] =>
  COMMON_ZONES.map((entry) => ({ zone: entry.zone, offset: DateTime.fromJSDate(now, { zone: entry.zone }).offset }))
    .sort((a, b) => a.offset - b.offset)
    .map(({ zone }) => zoneSuggestion(zone, now));

/** For autocomplete: IANA names, cities, countries (English or Dutch) and aliases matching the typed text, best first. */
export const suggestZones = (query: string, now: Date, limit = 25): ZoneSuggestion[] => {
  const text = normalizeZoneText(query);
  if (text === '') return commonSuggestions(now).slice(0, limit);
  const abbreviation = ABBREVIATIONS[query.trim().toUpperCase()];
  const ranked = rankZones(text).map((entry) => entry.zone);
  // Typing "EST" shows the zone it stands for first, so the pick made is the one that follows daylight saving.
  const zones = abbreviation ? [abbreviation, ...ranked.filter((zone) => zone !== abbreviation)] : ranked;
  return zones.slice(0, limit).map((zone) => zoneSuggestion(zone, now));
};

/**
 * What a typed zone means: an IANA name (any case), a city, a country or an alias. A place with several
 * clocks (a country spanning zones, or text matching several cities) gives the options; a fixed abbreviation
 * gives the zone that fits. A name that matches exactly wins over names it is only the start of.
 */
export const resolveZoneName = (text: string, now: Date): ZoneNameReading => {
  const raw = text.trim();
  if (raw === '') return { kind: 'unknown' };
  const abbreviation = ABBREVIATIONS[raw.toUpperCase()];
  if (abbreviation) return { kind: 'abbreviation', abbreviation: raw.toUpperCase(), suggestion: abbreviation };
  if (isValidZone(raw)) return { kind: 'zone', zone: assertZone(raw) };
  const query = normalizeZoneText(raw);
  if (query === '') return { kind: 'unknown' };
  const ranked = rankZones(query);
  const exact = ranked.filter((entry) => entry.score < 1000);
  const found = exact.length > 0 ? exact : ranked;
  if (found.length === 0) return { kind: 'unknown' };
  if (found.length === 1) return { kind: 'zone', zone: found[0]!.zone };
  return { kind: 'several', options: found.slice(0, 25).map((entry) => zoneSuggestion(entry.zone, now)) };
};
