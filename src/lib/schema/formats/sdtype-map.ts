/**
 * Designer column (data_type + hints) ⇄ SDV column (sdtype + options). One mapping used by type
 * inference, the SDV metadata import/export and the engine, so they never disagree. A column's
 * `hints.sdtype` is set only when its sdtype differs from the default for its data_type.
 */
import type { Column, ColumnHints, DataType, SdType, SdvColumn } from '../model';
import { UUID_REGEX_FORMAT } from './patterns';

/** SDV sdtypes whose values are regenerated with Faker (never copied while `pii` is true). */
export const PII_SDTYPES = new Set<string>([
  'email', 'phone_number', 'first_name', 'last_name', 'name', 'address', 'street_address', 'secondary_address',
  'city', 'state', 'state_abbr', 'administrative_unit', 'postcode', 'zipcode', 'country', 'country_code', 'ssn',
  'iban', 'swift11', 'swift8', 'credit_card_number', 'ipv4_address', 'ipv6_address', 'mac_address', 'url',
  'company', 'job', 'license_plate', 'vin', 'user_agent_string', 'text'
]);

/** The sdtype a column gets from its data type alone (`isKey`: primary key or foreign key). */
export function defaultSdtype(dataType: DataType, isKey: boolean): SdType {
  if (isKey) return 'id';
  switch (dataType) {
    case 'integer': case 'float': case 'decimal': return 'numerical';
    case 'boolean': return 'boolean';
    case 'date': case 'datetime': return 'datetime';
    case 'uuid': return 'id';
    case 'email': return 'email';
    case 'phone': return 'phone_number';
    case 'name': return 'name';
    case 'address': return 'address';
    case 'url': return 'url';
    case 'text': return 'text';
    case 'string': case 'categorical': return 'categorical';
  }
}

function defaultRepresentation(dataType: DataType): string {
  return dataType === 'integer' ? 'Int64' : 'Float';
}

/** Designer column → SDV column. */
export function columnToSdv(col: Column, isKey: boolean): SdvColumn {
  const h = col.hints ?? {};
  const sdtype = h.sdtype ?? defaultSdtype(col.data_type, isKey);
  const out: SdvColumn = { sdtype };
  if (sdtype === 'numerical') out.computer_representation = h.computer_representation ?? defaultRepresentation(col.data_type);
  if (sdtype === 'datetime' && h.datetime_format) out.datetime_format = h.datetime_format;
  if (sdtype === 'id') {
    const re = h.regex_format ?? (col.data_type === 'uuid' ? UUID_REGEX_FORMAT : undefined);
    if (re) out.regex_format = re;
  }
  if (PII_SDTYPES.has(sdtype)) out.pii = h.pii ?? true;
  return out;
}

const TIME_DIRECTIVE = /%-?[HIMSfpTXcrR]/;

/** The designer data type that best carries an SDV column. */
export function dataTypeForSdv(c: SdvColumn): DataType {
  switch (c.sdtype) {
    case 'numerical': return !c.computer_representation || c.computer_representation === 'Float' ? 'float' : 'integer';
    case 'categorical': return 'categorical';
    case 'boolean': return 'boolean';
    case 'datetime': return c.datetime_format && !TIME_DIRECTIVE.test(c.datetime_format) ? 'date' : 'datetime';
    case 'id':
      if (c.regex_format === UUID_REGEX_FORMAT) return 'uuid';
      return c.regex_format && /^(\\d(\{\d+(,\d+)?\})?)+$/.test(c.regex_format) ? 'integer' : 'string';
    case 'email': return 'email';
    case 'phone_number': return 'phone';
    case 'first_name': case 'last_name': case 'name': return 'name';
    case 'address': case 'street_address': return 'address';
    case 'url': return 'url';
    case 'uuid': return 'uuid';
    case 'text': return 'text';
    default: return 'string';
  }
}

/** SDV column → the hints a designer column needs so `columnToSdv` gives the same SDV column back. */
export function hintsForSdv(c: SdvColumn, dataType: DataType, isKey: boolean): ColumnHints {
  const hints: ColumnHints = {};
  if (c.sdtype !== defaultSdtype(dataType, isKey)) hints.sdtype = c.sdtype;
  if (c.sdtype === 'numerical' && c.computer_representation && c.computer_representation !== defaultRepresentation(dataType)) {
    hints.computer_representation = c.computer_representation;
  }
  if (c.datetime_format) hints.datetime_format = c.datetime_format;
  if (c.regex_format && !(dataType === 'uuid' && c.regex_format === UUID_REGEX_FORMAT)) hints.regex_format = c.regex_format;
  if (c.pii !== undefined && PII_SDTYPES.has(c.sdtype) && c.pii !== true) hints.pii = c.pii;
  return hints;
}
