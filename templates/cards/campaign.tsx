/** Campaign card: headline, call to action and end date, over the campaign photo or the brand colour. */
import { contentHeight, frameMetrics, type CardFormat } from './formats.ts'
import {
  cardBackground,
  FittedText,
  Frame,
  Header,
  headerHeight,
  headlineSizes,
  metaHeight,
  MetaLine,
  readableOn,
} from './parts.tsx'
import type { CampaignCardView, CardBrand } from './view.ts'

export function CampaignCard(props: { view: CampaignCardView; brand: CardBrand; format: CardFormat }) {
  const { view, brand, format } = props
  const m = frameMetrics(format)
  const ctaSize = Math.round(headlineSizes(format).min * 1.05)
  const ctaHeight = view.callToAction ? Math.ceil(ctaSize * 1.2) + 32 + m.gap : 0
  const width = format.width - 2 * m.padding
  const free = contentHeight(format) - headerHeight(format) - metaHeight(format) - 3 * m.gap - ctaHeight
  const height = format.name === 'story' ? Math.min(free, 900) : free
  return (
    <Frame
      format={format}
      font={brand.font}
      background={cardBackground(brand, view.hasHero)}
      color={view.hasHero ? '#ffffff' : readableOn(brand.colours.primary)}
    >
      <Header format={format} brand={brand} chip={view.label} chipColour={brand.colours.accent} />
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
        {view.callToAction ? (
          <div style={{ display: 'flex', marginTop: m.gap }}>
            <div
              style={{
                display: 'block',
                lineClamp: 1,
                maxWidth: width,
                fontSize: ctaSize,
                lineHeight: 1.2,
                fontWeight: 700,
                padding: '16px 32px',
                borderRadius: 999,
                backgroundColor: '#ffffff',
                color: brand.colours.primary,
              }}
            >
              {view.callToAction}
            </div>
          </div>
        ) : null}
      </div>
      <MetaLine format={format} left={view.endLine ?? ''} right={brand.siteHost} />
    </Frame>
  )
}
