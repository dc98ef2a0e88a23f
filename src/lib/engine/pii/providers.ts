/**
 * PII sdtype → Faker provider, as SDV's AnonymizedFaker maps sdtypes to Faker (Python) functions.
 * `avoidSample`: generated values must never equal a sample value (they are regenerated on a hit).
 * Vocabulary providers (first names, cities, countries, job titles) draw from small public lists
 * that a real sample may well contain, so a coincidence there copies nothing personal; forbidding
 * them could make whole columns impossible (every country in the sample).
 */
import type { Faker } from '@faker-js/faker';
import { AppError } from '../../schema/model';

export interface PiiProvider {
  /** Faker path (documentation and the `provider` option), e.g. "internet.email". */
  path: string;
  avoidSample: boolean;
  generate(f: Faker): string;
}

const p = (path: string, avoidSample: boolean, generate: (f: Faker) => string): PiiProvider => ({ path, avoidSample, generate });

/** US-style SSN: area 001–899 except 666, group 01–99, serial 0001–9999 (SSA rules). */
function ssn(f: Faker): string {
  let area = f.number.int({ min: 1, max: 898 });
  if (area >= 666) area++;
  const group = f.number.int({ min: 1, max: 99 });
  const serial = f.number.int({ min: 1, max: 9999 });
  return `${String(area).padStart(3, '0')}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
}

export const PII_PROVIDERS: Record<string, PiiProvider> = {
  email: p('internet.email', true, (f) => f.internet.email()),
  phone_number: p('phone.number', true, (f) => f.phone.number()),
  first_name: p('person.firstName', false, (f) => f.person.firstName()),
  last_name: p('person.lastName', false, (f) => f.person.lastName()),
  name: p('person.fullName', true, (f) => f.person.fullName()),
  address: p('location.streetAddress+city+zipCode', true, (f) => `${f.location.streetAddress()}, ${f.location.zipCode()} ${f.location.city()}`),
  street_address: p('location.streetAddress', true, (f) => f.location.streetAddress()),
  secondary_address: p('location.secondaryAddress', true, (f) => f.location.secondaryAddress()),
  city: p('location.city', false, (f) => f.location.city()),
  state: p('location.state', false, (f) => f.location.state()),
  state_abbr: p('location.state.abbreviated', false, (f) => f.location.state({ abbreviated: true })),
  administrative_unit: p('location.state', false, (f) => f.location.state()),
  postcode: p('location.zipCode', true, (f) => f.location.zipCode()),
  zipcode: p('location.zipCode', true, (f) => f.location.zipCode()),
  country: p('location.country', false, (f) => f.location.country()),
  country_code: p('location.countryCode', false, (f) => f.location.countryCode()),
  latitude: p('location.latitude', true, (f) => String(f.location.latitude())),
  longitude: p('location.longitude', true, (f) => String(f.location.longitude())),
  ssn: p('ssn', true, ssn),
  iban: p('finance.iban', true, (f) => f.finance.iban()),
  swift11: p('finance.bic.branch', true, (f) => f.finance.bic({ includeBranchCode: true })),
  swift8: p('finance.bic', true, (f) => f.finance.bic({ includeBranchCode: false })),
  credit_card_number: p('finance.creditCardNumber', true, (f) => f.finance.creditCardNumber()),
  bban: p('finance.accountNumber', true, (f) => f.finance.accountNumber(10)),
  ipv4_address: p('internet.ipv4', true, (f) => f.internet.ipv4()),
  ipv6_address: p('internet.ipv6', true, (f) => f.internet.ipv6()),
  mac_address: p('internet.mac', true, (f) => f.internet.mac()),
  url: p('internet.url', true, (f) => f.internet.url()),
  user_name: p('internet.username', true, (f) => f.internet.username()),
  uuid: p('string.uuid', true, (f) => f.string.uuid()),
  company: p('company.name', true, (f) => f.company.name()),
  job: p('person.jobTitle', false, (f) => f.person.jobTitle()),
  license_plate: p('vehicle.vrm', true, (f) => f.vehicle.vrm())
};

/** Is this sdtype one we regenerate with Faker? ('text' and 'unknown' have their own generators.) */
export const isPiiSdtype = (sdtype: string) => sdtype in PII_PROVIDERS;

/**
 * A user-chosen provider path, e.g. "internet.email" or "person.firstName", called without
 * arguments on the Faker instance. Only module.method paths of Faker's own modules are allowed.
 */
export function customProvider(path: string, column: string): PiiProvider {
  const m = /^([a-zA-Z]+)\.([a-zA-Z]+)$/.exec(path);
  const check = (f: Faker) => {
    const mod = m ? (f as unknown as Record<string, Record<string, unknown>>)[m[1]] : undefined;
    const fn = mod && Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(mod), m![2]) ? mod[m![2]] : undefined;
    if (typeof fn !== 'function') {
      throw new AppError('pii/unknown-provider', `Column "${column}": "${path}" is not a Faker provider (expected module.method, e.g. "internet.email")`, { column }, { provider: path });
    }
    return fn as () => unknown;
  };
  return { path, avoidSample: true, generate: (f) => String(check(f).call((f as unknown as Record<string, unknown>)[m![1]])) };
}
