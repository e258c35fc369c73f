/** Article card: topic, headline and date over the hero photo (darkened for legibility) or the brand colour. */
import { contentHeight, frameMetrics, type CardFormat } from './formats.ts'
import {
  cardBackground,
  readableOn,
  FittedText,
  Frame,
  Header,
  headerHeight,
  headlineSizes,
  metaHeight,
  MetaLine,
} from './parts.tsx'
import type { ArticleCardView, CardBrand } from './view.ts'

export function ArticleCard(props: { view: ArticleCardView; brand: CardBrand; format: CardFormat }) {
  const { view, brand, format } = props
  const m = frameMetrics(format)
  const width = format.width - 2 * m.padding
  const free = contentHeight(format) - headerHeight(format) - metaHeight(format) - 3 * m.gap - 8
  // On a story the headline keeps to the lower half: the platform draws its own controls on top.
  const height = format.name === 'story' ? Math.min(free, 900) : free
  return (
    <Frame
      format={format}
      font={brand.font}
      background={cardBackground(brand, view.hasHero)}
      color={view.hasHero ? '#ffffff' : readableOn(brand.colours.primary)}
    >
      <Header format={format} brand={brand} chip={view.topic} chipColour={brand.colours.accent} />
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'flex-end',
          flexGrow: 1,
          paddingBottom: m.gap,
        }}
      >
        <FittedText text={view.title} box={{ width, height }} size={headlineSizes(format)} />
      </div>
      <div
        style={{
          display: 'flex',
          height: 8,
          width: 120,
          backgroundColor: brand.colours.accent,
          marginBottom: m.gap,
        }}
      />
      <MetaLine format={format} left={view.date} right={brand.siteHost} />
    </Frame>
  )
}
