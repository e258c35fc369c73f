/**
 * Window-envelope presets: where the recipient's address must sit on the A4 sheet (trim box, mm,
 * measured from the sheet's top-left corner) so the folded letter shows it through the window.
 *
 * One table, in millimetres. Sources and assumptions (see templates/letters/README.md):
 * - `c5-left`: DIN 5008, form B. Address field 20 mm from the left edge, 45 mm from the top,
 *   85 × 45 mm; its top 17.7 mm (5 lines of 3.54 mm) is the "Zusatz- und Vermerkzone" holding the
 *   return line; the recipient's address gets the remaining 27.3 mm (6 lines). A4 folded to A5 for C5,
 *   or to one third (fold marks at 105 and 210 mm) for DL/C6-5 window envelopes made for form B.
 * - `no-c5` and `no-e65`: Norwegian window envelopes as listed by a Norwegian template maker
 *   (officeconsult.no, "plassering av mottakerfelt i vinduskonvolutter"): windows 15 mm from the left;
 *   C5 window 44 mm from the top, 105 × 35 mm; E6/5 window 40 mm from the top, 95 × 30 mm. Those are the
 *   window's position on the envelope; we keep a 3 mm margin on every side for the sheet's play inside
 *   the envelope, and these windows have no return-line zone (the return address goes in the letterhead).
 * - `se-left`: Swedish left window ("V2" in the Swedish envelope standard, one position for every
 *   format). We found no primary source with the millimetres here, so this is an ASSUMPTION:
 *   the window area shared by the DIN form B and Norwegian C5 presets (20 mm from the left, 47 mm from
 *   the top, 85 × 32 mm). Confirm with the print shop's envelope before a Swedish run.
 */
export interface EnvelopePreset {
  /** CLI name, e.g. `c5-left`. */
  name: string
  description: string
  /** Address field on the sheet, mm from the sheet's left and top edges. */
  left: number
  top: number
  width: number
  height: number
  /** Top part of the field that holds the sender's return line (0: no return line in the window). */
  returnZone: number
  /** Highest number of address lines the postal operator reads (UPU/PostNord/Posten: 6). */
  maxLines: number
  /** True when the numbers come from a published standard or a cited source, false when assumed. */
  sourced: boolean
}

export const ENVELOPE_PRESETS: readonly EnvelopePreset[] = [
  //  name       left   top  width height returnZone maxLines sourced
  {
    name: 'c5-left',
    description: 'DIN 5008 form B (C5, DL and C6/5 left window)',
    left: 20,
    top: 45,
    width: 85,
    height: 45,
    returnZone: 17.7,
    maxLines: 6,
    sourced: true,
  },
  {
    name: 'no-c5',
    description: 'Norwegian C5 window envelope',
    left: 18,
    top: 47,
    width: 99,
    height: 29,
    returnZone: 0,
    maxLines: 6,
    sourced: true,
  },
  {
    name: 'no-e65',
    description: 'Norwegian E6/5 window envelope',
    left: 18,
    top: 43,
    width: 89,
    height: 24,
    returnZone: 0,
    maxLines: 6,
    sourced: true,
  },
  {
    name: 'se-left',
    description: 'Swedish left window (assumed position, see README)',
    left: 20,
    top: 47,
    width: 85,
    height: 32,
    returnZone: 0,
    maxLines: 6,
    sourced: false,
  },
]

export const DEFAULT_ENVELOPE = 'c5-left'

export function envelopePreset(name: string): EnvelopePreset {
  const preset = ENVELOPE_PRESETS.find((p) => p.name === name)
  if (!preset)
    throw new Error(`unknown envelope "${name}"; known: ${ENVELOPE_PRESETS.map((p) => p.name).join(', ')}`)
  return preset
}
