/** Benefit card: what the member gets, from which partner, on the brand colour. */
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
import type { BenefitCardView, CardBrand } from './view.ts'

export function BenefitCard(props: { view: BenefitCardView; brand: CardBrand; format: CardFormat }) {
  const { view, brand, format } = props
  const m = frameMetrics(format)
  const sizes = headlineSizes(format)
  const width = format.width - 2 * m.padding
  const offerBox = { width: width - 64, height: Math.round(sizes.max * 1.15 * 2) }
  const partnerSize = m.metaSize + 4
  const free =
    contentHeight(format) -
    headerHeight(format) -
    metaHeight(format) -
    5 * m.gap -
    (offerBox.height + 48) -
    Math.ceil(partnerSize * 1.3)
  const nameBox = { width, height: Math.min(free, format.name === 'story' ? 700 : free) }
  const text = readableOn(brand.colours.primary)
  const logo = view.partnerLogo
  return (
    <Frame format={format} font={brand.font} background={cardBackground(brand, false)} color={text}>
      <Header format={format} brand={brand} chip={view.label} chipColour={brand.colours.accent} />
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'center',
          flexGrow: 1,
          paddingTop: m.gap,
          paddingBottom: m.gap,
        }}
      >
        <FittedText
          text={view.name}
          box={nameBox}
          size={{ max: Math.round(sizes.max * 0.8), min: sizes.min }}
        />
        <div
          style={{
            display: 'flex',
            marginTop: m.gap,
            padding: '24px 32px',
            borderRadius: 24,
            backgroundColor: '#ffffff',
            color: brand.colours.primary,
            alignSelf: 'flex-start',
            maxWidth: width,
          }}
        >
          <FittedText text={view.offer} box={offerBox} size={{ max: sizes.max, min: sizes.min }} />
        </div>
        <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center', marginTop: m.gap }}>
          {logo ? (
            <div
              style={{
                display: 'flex',
                backgroundColor: '#ffffff',
                borderRadius: 8,
                padding: '6px 10px',
                marginRight: 16,
              }}
            >
              <img
                src={logo.dataUri}
                height={partnerSize}
                width={Math.min(Math.round((logo.width / logo.height) * partnerSize), partnerSize * 5)}
              />
            </div>
          ) : null}
          <div
            style={{
              display: 'block',
              lineClamp: 1,
              fontSize: partnerSize,
              maxWidth: width - partnerSize * 6,
            }}
          >
            {view.partnerLine}
          </div>
        </div>
      </div>
      <MetaLine format={format} left="" right={brand.siteHost} />
    </Frame>
  )
}
