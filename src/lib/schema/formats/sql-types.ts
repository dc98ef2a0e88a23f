/**
 * SQL column types → designer data types (import), for PostgreSQL, MySQL, SQLite and SQL Server
 * spellings. The reverse direction (export) lives with each dialect's exporter.
 */
import type { ColumnHints, DataType } from '../model';
import { nameTokens } from './patterns';

export interface SqlTypeInfo {
  /** As written, upper-cased: "VARCHAR", "TIMESTAMP WITH TIME ZONE", "TINYINT". */
  name: string;
  length?: number;
  scale?: number;
  /** ENUM('a','b') values. */
  values?: string[];
  unsigned?: boolean;
}

export function sqlTypeToDataType(t: SqlTypeInfo, columnName = ''): { dataType: DataType; hints: ColumnHints } {
  const name = t.name.toUpperCase().replace(/\s+/g, ' ').trim();
  const hints: ColumnHints = {};
  let dataType: DataType;
  if (/^(TINYINT)$/.test(name) && t.length === 1) dataType = 'boolean'; // MySQL's BOOLEAN
  else if (/^(BIT)$/.test(name) && (t.length === undefined || t.length === 1)) dataType = 'boolean'; // SQL Server / MySQL BIT(1)
  else if (/^(BOOL|BOOLEAN)$/.test(name)) dataType = 'boolean';
  else if (/^(INT|INTEGER|SMALLINT|BIGINT|TINYINT|MEDIUMINT|INT2|INT4|INT8|SERIAL|BIGSERIAL|SMALLSERIAL|SERIAL4|SERIAL8|UNSIGNED BIG INT)\b/.test(name)) dataType = 'integer';
  else if (/^(REAL|FLOAT|FLOAT4|FLOAT8|DOUBLE|DOUBLE PRECISION)\b/.test(name)) dataType = 'float';
  else if (/^(DECIMAL|NUMERIC|NUMBER|MONEY|SMALLMONEY|DEC)\b/.test(name)) {
    dataType = 'decimal';
    if (t.scale !== undefined) hints.decimals = t.scale;
    else if (name === 'MONEY' || name === 'SMALLMONEY') hints.decimals = 4;
  } else if (name === 'DATE') dataType = 'date';
  else if (/^(DATETIME|DATETIME2|SMALLDATETIME|DATETIMEOFFSET|TIMESTAMP|TIMESTAMPTZ)\b/.test(name)) dataType = 'datetime';
  else if (/^(UUID|UNIQUEIDENTIFIER)$/.test(name)) dataType = 'uuid';
  else if (/^(TEXT|NTEXT|TINYTEXT|MEDIUMTEXT|LONGTEXT|CLOB|NCLOB)$/.test(name)) dataType = 'text';
  else if (/^(ENUM|SET)$/.test(name)) {
    dataType = 'categorical';
    if (t.values?.length) hints.categories = t.values;
  } else dataType = 'string'; // CHAR, VARCHAR, NVARCHAR, CHARACTER VARYING, TIME, JSON, BLOB, …
  if (t.unsigned && dataType === 'integer') hints.min = 0;
  // Text columns whose name says what they hold.
  if (dataType === 'string' || dataType === 'text') {
    const joined = nameTokens(columnName).join('');
    const last = nameTokens(columnName).slice(-1)[0] ?? '';
    if (joined === 'email' || joined === 'emailaddress' || last === 'email') dataType = 'email';
    else if (joined === 'phone' || joined === 'phonenumber' || last === 'phone') dataType = 'phone';
    else if (joined === 'url' || joined === 'website' || last === 'url') dataType = 'url';
    else if (['firstname', 'lastname', 'fullname', 'surname'].includes(joined)) {
      dataType = 'name';
      if (joined === 'firstname') hints.sdtype = 'first_name';
      else if (joined === 'lastname' || joined === 'surname') hints.sdtype = 'last_name';
    }
  }
  return { dataType, hints };
}
