/**
 * Complaint deadlines as regulators set them, one profile per rule (cited in the README). A
 * complaint's class (spoken or written; simple or complex) picks its window; working days are
 * counted on the desk's calendar (business-time.ts), calendar days end at local midnight.
 */

export const JURISDICTIONS = ['ojk', 'ojk-portal', 'bnm', 'bsp', 'nfra', 'psd2'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const COMPLAINT_MEDIUMS = ['spoken', 'written'] as const;
export type ComplaintMedium = (typeof COMPLAINT_MEDIUMS)[number];

export const COMPLAINT_COMPLEXITIES = ['simple', 'complex'] as const;
export type ComplaintComplexity = (typeof COMPLAINT_COMPLEXITIES)[number];

export type DayCount = { days: number; unit: 'working' | 'calendar' };

export interface ComplaintRule {
  id: Jurisdiction;
  /** How the profile is named in lists: "OJK (Indonesia)". */
  name: string;
  citation: string;
  /** The window for a class; `medium`/`complexity` absent: any. The first that matches applies. */
  windows: readonly (DayCount & { medium?: ComplaintMedium; complexity?: ComplaintComplexity })[];
  /** Working days to acknowledge receipt in, where the rule has such a deadline. */
  acknowledgeWorkingDays?: number;
  /** The one extension the rule allows, and when. */
  extension?: DayCount & { when: string };
}

export const COMPLAINT_RULES: Record<Jurisdiction, ComplaintRule> = {
  ojk: {
    id: 'ojk',
    name: 'OJK (Indonesia)',
    citation: 'POJK 18/POJK.07/2018: spoken complaints within 5 working days, written within 20',
    windows: [
      { medium: 'spoken', days: 5, unit: 'working' },
      { medium: 'written', days: 20, unit: 'working' },
    ],
  },
  'ojk-portal': {
    id: 'ojk-portal',
    name: 'OJK complaint portal (Indonesia)',
    citation: 'OJK consumer complaint portal (since August 2024): 10 working days, extendable by 10',
    windows: [{ days: 10, unit: 'working' }],
    extension: { days: 10, unit: 'working', when: 'once, with notice to the customer' },
  },
  bnm: {
    id: 'bnm',
    name: 'Bank Negara Malaysia',
    citation: 'BNM complaints handling policy (from April 2026, e-money issuers included): acknowledge by the next working day; decide within 5 working days (simple) or 20 (complex), +10 when third-party documents are needed',
    windows: [
      { complexity: 'simple', days: 5, unit: 'working' },
      { complexity: 'complex', days: 20, unit: 'working' },
    ],
    acknowledgeWorkingDays: 1,
    extension: { days: 10, unit: 'working', when: 'when third-party documents are needed' },
  },
  bsp: {
    id: 'bsp',
    name: 'BSP (Philippines)',
    citation: 'Bangko Sentral ng Pilipinas financial consumer protection rules: 7 days for simple complaints, 45 for complex',
    windows: [
      { complexity: 'simple', days: 7, unit: 'calendar' },
      { complexity: 'complex', days: 45, unit: 'calendar' },
    ],
  },
  nfra: {
    id: 'nfra',
    name: 'NFRA (China)',
    citation: 'NFRA (formerly CBIRC) consumer complaint handling measures: 15 days, complex up to 30, +30 with approval',
    windows: [
      { complexity: 'simple', days: 15, unit: 'calendar' },
      { complexity: 'complex', days: 30, unit: 'calendar' },
    ],
    extension: { days: 30, unit: 'calendar', when: 'with approval' },
  },
  psd2: {
    id: 'psd2',
    name: 'PSD2 (EU)',
    citation: 'Directive (EU) 2015/2366 (PSD2) art. 101: 15 business days, up to 35 with a holding reply',
    windows: [{ days: 15, unit: 'working' }],
    extension: { days: 20, unit: 'working', when: 'with a holding reply saying why and when' },
  },
};

/**
 * The countries a rule is for (ISO 3166), the first rule listing a country being its default: OJK for
 * Indonesia (the OJK portal's rule is for complaints lodged there, asked for by name), BNM for
 * Malaysia, BSP for the Philippines, NFRA for mainland China, PSD2 for the EU's member states and the
 * EEA states that apply it (Iceland, Liechtenstein, Norway).
 */
export const RULE_COUNTRIES: Record<Jurisdiction, readonly string[]> = {
  ojk: ['ID'],
  'ojk-portal': ['ID'],
  bnm: ['MY'],
  bsp: ['PH'],
  nfra: ['CN'],
  psd2: ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO'],
};

/** The rule a customer of this country is counted by when nothing else says, or undefined. */
export function ruleForCountry(country: string): Jurisdiction | undefined {
  return JURISDICTIONS.find((j) => RULE_COUNTRIES[j].includes(country));
}

export const RULE_CHOSEN_BY = ['request', 'customer_country', 'calendar'] as const;
export type RuleChosenBy = (typeof RULE_CHOSEN_BY)[number];

export interface RuleChoice {
  jurisdiction: Jurisdiction;
  by: RuleChosenBy;
  /** The customer's country as known when the complaint opened (from their phone number). */
  country: string | null;
  reason: string;
}

/**
 * Which rule a new complaint is counted by, and why: the rule asked for; else the customer's
 * country's (the team calendar's when it is a rule for that country, as the OJK portal's is for
 * Indonesia); else the team calendar's; else none.
 */
export function chooseComplaintRule(input: { requested?: Jurisdiction | undefined; country: string | null; calendar: { name: string; jurisdiction: Jurisdiction | null } }): RuleChoice | null {
  const { requested, country, calendar } = input;
  if (requested) return { jurisdiction: requested, by: 'request', country, reason: 'asked for when the complaint was opened' };
  const own = calendar.jurisdiction;
  if (country && own && RULE_COUNTRIES[own].includes(country)) {
    return { jurisdiction: own, by: 'calendar', country, reason: `calendar ${calendar.name}'s rule, a rule for the customer's country (${country})` };
  }
  const byCountry = country ? ruleForCountry(country) : undefined;
  if (byCountry) return { jurisdiction: byCountry, by: 'customer_country', country, reason: `the customer's country, ${country} (from their phone number)` };
  if (!own) return null;
  const unknown = country ? `no built-in rule for the customer's country (${country})` : "the customer's country is not known (no phone number)";
  return { jurisdiction: own, by: 'calendar', country, reason: `calendar ${calendar.name}'s rule; ${unknown}` };
}

/** The window a complaint of this class gets under a rule, with how it reads: "OJK (Indonesia), written: 20 working days". */
export function complaintWindow(
  rule: ComplaintRule,
  medium: ComplaintMedium,
  complexity: ComplaintComplexity,
): DayCount & { label: string } {
  const w = rule.windows.find((x) => (x.medium ?? medium) === medium && (x.complexity ?? complexity) === complexity) ?? rule.windows[0]!;
  const cls = [w.medium, w.complexity].filter(Boolean).join(', ');
  return { days: w.days, unit: w.unit, label: `${rule.name}${cls ? `, ${cls}` : ''}: ${dayCountText(w)}` };
}

export function dayCountText(d: DayCount): string {
  return `${d.days} ${d.unit === 'working' ? 'working ' : ''}day${d.days === 1 ? '' : 's'}`;
}
