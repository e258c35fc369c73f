/**
 * The darkening laid over a hero photo before the card: a gradient that deepens towards the
 * headline, so white text keeps its contrast on any photo. Drawn once per format by the renderer.
 */
import type { CardFormat } from './formats.ts'

export function heroOverlaySvg(format: CardFormat): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${format.width}" height="${format.height}">
<defs><linearGradient id="shade" x1="0" y1="0" x2="0" y2="1">
<stop offset="0" stop-color="#000" stop-opacity="0.35"/><stop offset="0.45" stop-color="#000" stop-opacity="0.55"/><stop offset="1" stop-color="#000" stop-opacity="0.82"/>
</linearGradient></defs>
<rect width="100%" height="100%" fill="url(#shade)"/></svg>`
}
