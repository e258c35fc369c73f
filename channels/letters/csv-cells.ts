/**
 * Cells of manifest.csv and rejected.csv. Member service opens these in Excel or LibreOffice, which
 * run a cell starting with `=`, `+`, `-` or `@` (or tab/CR before one) as a formula: a member number
 * such as `=HYPERLINK(…)` from the member file would become a live formula on staff machines.
 * Following OWASP's CSV injection guidance such a cell gets a leading `'`, which spreadsheets show as
 * text; a plain number (`-42`, `+4512345678`, `12.5`) is left as it is, since a spreadsheet reads it
 * as a number, not a formula.
 */

const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/

/** The value as a spreadsheet shows it as text: `'` before anything that would start a formula. */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

/** One CSV cell: made spreadsheet-safe, then quoted (RFC 4180) when it holds a delimiter, quote or line break. */
export function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : spreadsheetSafe(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
