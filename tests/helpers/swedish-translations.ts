/**
 * Swedish translations for a generated snapshot (scripts/bench/synthetic-snapshot.ts makes Danish
 * articles only): tests that need hreflang alternates or a second search language add them here.
 */
import type { Article, Snapshot } from '../../channels/snapshot/schema.ts'

/**
 * Gives each of the first `count` articles a Swedish translation (`<slug>-sv`, linked both ways),
 * appended to the snapshot's articles; `title` makes the Swedish title from the Danish one.
 */
export function addSwedishTranslations(
  snapshot: Snapshot,
  count: number,
  title: (danish: string) => string,
): void {
  const danish = snapshot.articles.slice(0, count)
  for (const article of danish) article.translations = { da: article.slug, sv: `${article.slug}-sv` }
  snapshot.articles.push(...danish.map((article) => swedishTranslation(article, title)))
}

function swedishTranslation(article: Article, title: (danish: string) => string): Article {
  const slug = `${article.slug}-sv`
  return {
    ...article,
    id: `${article.id}-sv`,
    locale: 'sv',
    slug,
    title: title(article.title),
    translations: { da: article.slug, sv: slug },
  }
}
