/** One entry point for the card renderer: the layout for a view in a format. */
import type { ReactElement } from 'react'
import { ArticleCard } from './article.tsx'
import { BenefitCard } from './benefit.tsx'
import { CampaignCard } from './campaign.tsx'
import type { CardFormat } from './formats.ts'
import type { CardBrand, CardView } from './view.ts'

export function cardLayout(view: CardView, brand: CardBrand, format: CardFormat): ReactElement {
  switch (view.kind) {
    case 'article':
      return <ArticleCard view={view} brand={brand} format={format} />
    case 'benefit':
      return <BenefitCard view={view} brand={brand} format={format} />
    case 'campaign':
      return <CampaignCard view={view} brand={brand} format={format} />
  }
}
