/**
 * Lexical's text-format bit flags (TextNode `format`), as the admin's editor stores them: one table for
 * the import (HTML → Lexical) and the export (Lexical → snapshot blocks), which must agree bit for bit.
 */
export const TEXT_FORMAT = {
  bold: 1,
  italic: 2,
  strikethrough: 4,
  underline: 8,
  code: 16,
  subscript: 32,
  superscript: 64,
} as const
