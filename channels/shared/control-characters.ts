/**
 * Control characters: the one definition every channel cleans editor text and member data with.
 * A BEL pasted into a title, a NUL from a broken export, a C1 control from text decoded with the wrong
 * code page: no page, feed, e-mail, PDF or post has a use for them, and XML 1.0 forbids most of them.
 * Tab, line feed and carriage return are whitespace, not controls here: each channel decides what a
 * line break means in its output.
 */

/** C0 controls other than tab, line feed and carriage return; DEL; the C1 controls. */
const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F'
/** What XML and HTML cannot carry besides those: the noncharacters U+FFFE/FFFF and lone surrogates. */
const UNENCODABLE =
  '[\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]'

const controlOrUnencodable = new RegExp(`[${CONTROL}]|${UNENCODABLE}`, 'g')
const controlTest = new RegExp(`[${CONTROL}]`)

/** Removes control characters (and characters no output can encode) from editor text. */
export function removeControlCharacters(text: string): string {
  return text.replace(controlOrUnencodable, '')
}

/** Whether a value (a member's name, say) holds a control character: input to reject rather than clean. */
export function hasControlCharacter(text: string): boolean {
  return controlTest.test(text)
}
