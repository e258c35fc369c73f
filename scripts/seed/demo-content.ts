/**
 * Made-up demo content for a Danish union ("Fællesforbundet for Administration og Handel", FAF),
 * in the import format. Every person and organisation here is invented.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'

interface ArticleSeed {
  slug: string
  topic: string
  title: string
  summary: string
  paragraphs: string[]
  segments?: string[]
}

const TOPICS = [
  {
    slug: 'overenskomst',
    name: { da: 'Overenskomst', sv: 'Kollektivavtal', nb: 'Tariffavtale', en: 'Collective agreement' },
    colour: '#b3123b',
  },
  { slug: 'loen', name: { da: 'Løn', sv: 'Lön', nb: 'Lønn', en: 'Pay' }, colour: '#1d4e89' },
  {
    slug: 'arbejdsmiljoe',
    name: { da: 'Arbejdsmiljø', sv: 'Arbetsmiljö', nb: 'Arbeidsmiljø', en: 'Working environment' },
    colour: '#2f7d4a',
  },
  {
    slug: 'studerende',
    name: { da: 'Studerende', sv: 'Studenter', nb: 'Studenter', en: 'Students' },
    colour: '#7a4bb3',
  },
  {
    slug: 'pension',
    name: { da: 'Pension', sv: 'Pension', nb: 'Pensjon', en: 'Pension' },
    colour: '#c27a12',
  },
]

const SEGMENTS = [
  { slug: 'students', name: { da: 'Studerende', sv: 'Studenter', nb: 'Studenter', en: 'Students' } },
  {
    slug: 'new-members',
    name: { da: 'Nye medlemmer', sv: 'Nya medlemmar', nb: 'Nye medlemmer', en: 'New members' },
  },
  { slug: 'retirees', name: { da: 'Seniorer', sv: 'Pensionärer', nb: 'Pensjonister', en: 'Retirees' } },
  {
    slug: 'shop-stewards',
    name: { da: 'Tillidsrepræsentanter', sv: 'Förtroendevalda', nb: 'Tillitsvalgte', en: 'Shop stewards' },
  },
  { slug: 'unemployed', name: { da: 'Ledige', sv: 'Arbetssökande', nb: 'Arbeidsledige', en: 'Unemployed' } },
]

const ARTICLES: ArticleSeed[] = [
  {
    slug: 'ok26-afstemning-aabner',
    topic: 'overenskomst',
    title: 'OK26: afstemningen åbner mandag',
    summary: 'Nu skal du tage stilling til det nye forlig. Sådan stemmer du.',
    paragraphs: [
      'Afstemningen om OK26 åbner mandag kl. 9 og lukker fredag kl. 12 i samme uge.',
      'Du stemmer digitalt med MitID. Har du ikke en e-mail hos os, får du et brev med en stemmekode.',
    ],
  },
  {
    slug: 'hvad-betyder-forliget',
    topic: 'overenskomst',
    title: 'Hvad betyder forliget for dig?',
    summary: 'Løn, pension, fritvalg og barsel: de vigtigste ændringer samlet ét sted.',
    paragraphs: [
      'Forliget hæver mindstelønnen, forbedrer pensionen og giver flere fridage.',
      'Læs de fem vigtigste ændringer herunder og se, hvordan de gælder på din arbejdsplads.',
    ],
  },
  {
    slug: 'forhandlingerne-dag-for-dag',
    topic: 'overenskomst',
    title: 'Forhandlingerne dag for dag',
    summary: 'Fra de første krav til det endelige forlig: sådan gik forhandlingerne.',
    paragraphs: [
      'Forhandlingerne begyndte i januar med over 400 krav fra medlemmerne.',
      'Efter tre uger og to nattemøder lå forliget klar.',
    ],
  },
  {
    slug: 'fritvalgskonto-stiger',
    topic: 'overenskomst',
    title: 'Fritvalgskontoen stiger til 9 procent',
    summary: 'Du kan vælge mellem løn, pension og fridage.',
    paragraphs: [
      'Fritvalgskontoen stiger gradvist fra 7 til 9 procent over aftaleperioden.',
      'Du bestemmer selv, om pengene skal udbetales, spares op eller bruges til frihed.',
    ],
  },
  {
    slug: 'barsel-for-begge-foraeldre',
    topic: 'overenskomst',
    title: 'Mere barsel til begge forældre',
    summary: 'Øremærket barsel med fuld løn udvides med to uger.',
    paragraphs: [
      'Begge forældre får nu ret til 12 ugers barsel med fuld løn.',
      'Ændringen gælder for børn født efter 1. juli.',
    ],
  },
  {
    slug: 'tillidsrepraesentant-valg',
    topic: 'overenskomst',
    title: 'Sådan vælger I en tillidsrepræsentant',
    summary: 'En tillidsrepræsentant gør en forskel. Her er reglerne for valget.',
    paragraphs: [
      'På arbejdspladser med mindst fem ansatte kan I vælge en tillidsrepræsentant.',
      'Valget skal anmeldes til os, så tillidsrepræsentanten er beskyttet.',
    ],
    segments: ['shop-stewards'],
  },
  {
    slug: 'loenstatistik-2026',
    topic: 'loen',
    title: 'Lønstatistikken 2026 er klar',
    summary: 'Se, hvad andre i dit fag tjener, før du går til lønsamtale.',
    paragraphs: [
      'Den nye lønstatistik bygger på svar fra over 40.000 medlemmer.',
      'Brug tallene til at forberede din næste lønsamtale.',
    ],
  },
  {
    slug: 'forbered-loensamtalen',
    topic: 'loen',
    title: 'Fem råd før lønsamtalen',
    summary: 'Kend dit værd, og kom godt forberedt.',
    paragraphs: [
      'Skriv dine resultater fra det seneste år ned, og find tal fra lønstatistikken.',
      'Øv dig på at sige dit tal højt, og tal om mere end kroner: uddannelse og frihed tæller også.',
    ],
  },
  {
    slug: 'ligeloen-kvinder-og-maend',
    topic: 'loen',
    title: 'Ligeløn: stadig et stykke vej',
    summary: 'Kvinder tjener fortsat mindre end mænd i samme job.',
    paragraphs: [
      'Forskellen er blevet mindre, men den er der stadig.',
      "EU's løngennemsigtighedsdirektiv giver dig snart ret til at kende lønniveauet.",
    ],
  },
  {
    slug: 'tillaeg-aften-og-weekend',
    topic: 'loen',
    title: 'Har du krav på tillæg om aftenen?',
    summary: 'Reglerne for aften-, nat- og weekendtillæg i butik og kontor.',
    paragraphs: [
      'Arbejder du efter kl. 18 på hverdage, har du som regel krav på tillæg.',
      'Tjek din lønseddel: tillæggene skal stå på en linje for sig.',
    ],
  },
  {
    slug: 'loenseddel-tjek',
    topic: 'loen',
    title: 'Tjek din lønseddel på tre minutter',
    summary: 'Vi viser, hvor fejlene oftest gemmer sig.',
    paragraphs: [
      'Hver tiende lønseddel, vi ser, har en fejl.',
      'Send den til os, hvis du er i tvivl: det er gratis for medlemmer.',
    ],
  },
  {
    slug: 'skaerpede-krav-loenudbetaling',
    topic: 'loen',
    title: 'Løn for sent? Det kan du gøre',
    summary: 'Din arbejdsgiver skal betale til tiden. Sådan får du dine penge.',
    paragraphs: [
      'Kommer lønnen for sent, kan du have krav på rente og godtgørelse.',
      'Kontakt os hurtigst muligt, så hjælper vi med kravet.',
    ],
  },
  {
    slug: 'stress-paa-arbejdet',
    topic: 'arbejdsmiljoe',
    title: 'Stress er ikke et privat problem',
    summary: 'Arbejdsgiveren har pligt til at forebygge stress. Sådan tager du fat.',
    paragraphs: [
      'Stress skyldes ofte for mange opgaver og for lidt indflydelse.',
      'Tal med din tillidsrepræsentant eller arbejdsmiljørepræsentant.',
    ],
  },
  {
    slug: 'alene-i-butikken',
    topic: 'arbejdsmiljoe',
    title: 'Alene i butikken om aftenen',
    summary: 'Eneansvar øger risikoen for røveri og vold. Det siger reglerne.',
    paragraphs: [
      'Arbejdstilsynet kræver en vurdering af risikoen ved alenearbejde.',
      'Føler du dig utryg, så sig det: det er en sag for arbejdsmiljøorganisationen.',
    ],
  },
  {
    slug: 'hjemmearbejde-regler',
    topic: 'arbejdsmiljoe',
    title: 'Hjemmearbejde: hvem betaler stolen?',
    summary: 'Reglerne for arbejdsmiljø gælder også ved dit køkkenbord.',
    paragraphs: [
      'Arbejder du hjemme mere end én dag om ugen, skal arbejdspladsen indrettes forsvarligt.',
      'Aftal udstyr og arbejdstid skriftligt.',
    ],
  },
  {
    slug: 'chikane-fra-kunder',
    topic: 'arbejdsmiljoe',
    title: 'Når kunderne chikanerer',
    summary: 'Du skal ikke finde dig i trusler og krænkelser.',
    paragraphs: [
      'En ud af fire butiksansatte har oplevet chikane fra kunder det seneste år.',
      'Arbejdsgiveren skal have en politik, og den skal bruges.',
    ],
  },
  {
    slug: 'apv-sadan',
    topic: 'arbejdsmiljoe',
    title: 'APV: din chance for at blive hørt',
    summary: 'Arbejdspladsvurderingen skal laves mindst hvert tredje år.',
    paragraphs: [
      "APV'en kortlægger problemer og laver en plan for at løse dem.",
      'Svar ærligt: det er sådan, problemer bliver synlige.',
    ],
  },
  {
    slug: 'ergonomi-kasse',
    topic: 'arbejdsmiljoe',
    title: 'Ondt i skulderen efter kassevagten?',
    summary: 'Gode råd om ergonomi ved kassen og på lageret.',
    paragraphs: [
      'Skift mellem opgaver, og indstil stol og skærm efter dig.',
      'Gentagne smerter skal anmeldes som arbejdsskade.',
    ],
  },
  {
    slug: 'studiejob-rettigheder',
    topic: 'studerende',
    title: 'Dine rettigheder i et studiejob',
    summary: 'Pauser, tillæg og ferie: også når du læser ved siden af.',
    paragraphs: [
      'Som studerende har du ret til en skriftlig ansættelseskontrakt.',
      'Du optjener ferie og har krav på pause, når du arbejder mere end seks timer.',
    ],
    segments: ['students'],
  },
  {
    slug: 'elevloen-2026',
    topic: 'studerende',
    title: 'Elevlønnen stiger',
    summary: 'Elever og lærlinge får mere i løn fra 1. marts.',
    paragraphs: [
      'Elevlønnen stiger med 5 procent over de næste to år.',
      'Se satserne for dit år i elevforløbet.',
    ],
    segments: ['students'],
  },
  {
    slug: 'praktikplads-hjaelp',
    topic: 'studerende',
    title: 'Få hjælp til at finde en praktikplads',
    summary: 'Vores konsulenter kender virksomhederne.',
    paragraphs: [
      'Hvert år hjælper vi flere hundrede elever med at finde en læreplads.',
      'Book en samtale, og få feedback på din ansøgning.',
    ],
    segments: ['students'],
  },
  {
    slug: 'gratis-studiemedlemskab',
    topic: 'studerende',
    title: 'Gratis medlemskab, mens du studerer',
    summary: 'Studerende er medlemmer uden kontingent.',
    paragraphs: [
      'Er du under uddannelse, betaler du ikke kontingent.',
      'Du får juridisk hjælp, kurser og rabatter fra første dag.',
    ],
    segments: ['students', 'new-members'],
  },
  {
    slug: 'cv-workshop',
    topic: 'studerende',
    title: 'Workshop: et CV der bliver læst',
    summary: 'Gratis workshop i København, Aarhus og Odense.',
    paragraphs: [
      'På to timer lærer du at skrive et kort og skarpt CV.',
      'Tilmelding på hjemmesiden: der er begrænsede pladser.',
    ],
    segments: ['students', 'unemployed'],
  },
  {
    slug: 'pension-tjek',
    topic: 'pension',
    title: 'Tjek din pension én gang om året',
    summary: 'Det tager ti minutter og kan betyde meget.',
    paragraphs: [
      'Log på din pensionsordning og se, hvad du har sparet op.',
      'Tjek især din forsikring ved sygdom og død.',
    ],
  },
  {
    slug: 'pensionsalder-stiger',
    topic: 'pension',
    title: 'Pensionsalderen stiger igen',
    summary: 'Folketinget har besluttet en højere folkepensionsalder.',
    paragraphs: [
      'Er du født efter 1970, kan du tidligst gå på folkepension som 70-årig.',
      'Vi arbejder for en ret til tidlig pension for nedslidte.',
    ],
    segments: ['retirees'],
  },
  {
    slug: 'tidlig-pension',
    topic: 'pension',
    title: 'Kan du få tidlig pension?',
    summary: 'Tidlig pension er for dig med mange år på arbejdsmarkedet.',
    paragraphs: [
      'Har du arbejdet i mindst 42 år, kan du have ret til tidlig pension.',
      'Vi hjælper med at regne din anciennitet ud.',
    ],
    segments: ['retirees'],
  },
  {
    slug: 'seniordage',
    topic: 'pension',
    title: 'Seniordage: hvad siger overenskomsten?',
    summary: 'Fra 60 år har du ret til ekstra fridage.',
    paragraphs: ['Seniordagene kan veksles til pension eller løn.', 'Tal med din arbejdsgiver i god tid.'],
    segments: ['retirees'],
  },
  {
    slug: 'pension-ved-ledighed',
    topic: 'pension',
    title: 'Pension når du er ledig',
    summary: 'Din pension kan gå i stå, når du mister jobbet.',
    paragraphs: [
      'Under ledighed indbetales ATP, men ikke din arbejdsmarkedspension.',
      'Overvej at holde forsikringerne i gang.',
    ],
    segments: ['unemployed'],
  },
  {
    slug: 'ledig-hvad-nu',
    topic: 'arbejdsmiljoe',
    title: 'Fyret? Det skal du gøre de første 24 timer',
    summary: 'Skriv ikke under på noget, før du har talt med os.',
    paragraphs: [
      'Meld dig ledig på jobnet.dk senest den første ledighedsdag.',
      'Send opsigelsen til os: vi tjekker varsler og fratrædelsesgodtgørelse.',
    ],
    segments: ['unemployed'],
  },
  {
    slug: 'velkommen-ny-i-faf',
    topic: 'overenskomst',
    title: 'Ny i FAF? Det får du',
    summary: 'Juridisk hjælp, kurser, rabatter og et fællesskab.',
    paragraphs: [
      'Som medlem får du rådgivning om løn, kontrakt og arbejdsmiljø.',
      'Du kan deltage i kurser og arrangementer i din lokalafdeling.',
    ],
    segments: ['new-members'],
  },
  {
    slug: 'kursus-tillidsvalgte',
    topic: 'overenskomst',
    title: 'Grunduddannelse for nye tillidsvalgte',
    summary: 'Fire dages kursus i forhandling, ret og arbejdsmiljø.',
    paragraphs: [
      'Kurset er gratis, og du får løn under fravær efter overenskomsten.',
      'Næste hold starter i januar.',
    ],
    segments: ['shop-stewards'],
  },
  {
    slug: 'lokalafdeling-generalforsamling',
    topic: 'overenskomst',
    title: 'Generalforsamlinger i alle lokalafdelinger',
    summary: 'Kom og vær med til at bestemme.',
    paragraphs: [
      'Alle lokalafdelinger holder generalforsamling i marts.',
      'Der er mad, valg og debat om den nye overenskomst.',
    ],
  },
]

/** Translations of a few articles: sv, nb, en (some without body, to show fallback). */
const TRANSLATIONS: {
  of: string
  locale: 'sv' | 'nb' | 'en'
  slug: string
  title: string
  summary: string
  body?: string
}[] = [
  {
    of: 'ok26-afstemning-aabner',
    locale: 'sv',
    slug: 'ok26-omrostningen-oppnar',
    title: 'OK26: omröstningen öppnar på måndag',
    summary: 'Nu ska du ta ställning till den nya uppgörelsen.',
    body: 'Omröstningen öppnar måndag kl. 9 och stänger fredag kl. 12.',
  },
  {
    of: 'ok26-afstemning-aabner',
    locale: 'nb',
    slug: 'ok26-avstemningen-apner',
    title: 'OK26: avstemningen åpner mandag',
    summary: 'Nå skal du ta stilling til det nye forliket.',
    body: 'Avstemningen åpner mandag kl. 9 og stenger fredag kl. 12.',
  },
  {
    of: 'ok26-afstemning-aabner',
    locale: 'en',
    slug: 'ok26-vote-opens',
    title: 'OK26: the vote opens on Monday',
    summary: 'Time to decide on the new agreement. Here is how to vote.',
    body: 'The vote opens on Monday at 9 and closes on Friday at noon.',
  },
  {
    of: 'studiejob-rettigheder',
    locale: 'en',
    slug: 'student-job-rights',
    title: 'Your rights in a student job',
    summary: 'Breaks, supplements and holiday: yes, you have them.',
    body: 'Even as a student you are entitled to a written contract.',
  },
  {
    of: 'studiejob-rettigheder',
    locale: 'sv',
    slug: 'rattigheter-i-extrajobbet',
    title: 'Dina rättigheter i extrajobbet',
    summary: 'Raster, tillägg och semester gäller även dig.',
  },
  {
    of: 'hvad-betyder-forliget',
    locale: 'en',
    slug: 'what-the-agreement-means',
    title: 'What the agreement means for you',
    summary: 'Pay, pension, free choice and parental leave: the main changes.',
    body: 'The agreement raises minimum pay, improves pension and adds days off.',
  },
  {
    of: 'gratis-studiemedlemskab',
    locale: 'nb',
    slug: 'gratis-studentmedlemskap',
    title: 'Gratis medlemskap mens du studerer',
    summary: 'Studenter er medlemmer uten kontingent.',
    body: 'Er du under utdanning, betaler du ikke kontingent.',
  },
  {
    of: 'pension-tjek',
    locale: 'sv',
    slug: 'kolla-din-pension',
    title: 'Kolla din pension en gång om året',
    summary: 'Det tar tio minuter och kan betyda mycket.',
  },
]

const BENEFITS = [
  {
    slug: 'indboforsikring',
    name: 'Billigere indboforsikring',
    partner: 'Nordisk Forsikring',
    category: 'Forsikring',
    offer: '20 % rabat',
    summary: 'Spar op til 20 % på din indboforsikring.',
    featured: true,
  },
  {
    slug: 'ulykkesforsikring',
    name: 'Ulykkesforsikring med fritidsdækning',
    partner: 'Nordisk Forsikring',
    category: 'Forsikring',
    offer: '15 % rabat',
    summary: 'Dækning døgnet rundt, også i fritiden.',
  },
  {
    slug: 'bilforsikring',
    name: 'Bilforsikring til medlemspris',
    partner: 'Vejhjælp Forsikring',
    category: 'Forsikring',
    offer: '10 % rabat første år',
    summary: 'Samme dækning, lavere pris.',
  },
  {
    slug: 'kursus-excel',
    name: 'Gratis kursus i Excel',
    partner: 'Kursuscentret Nord',
    category: 'Uddannelse',
    offer: 'Gratis',
    summary: 'Fra begynder til pivottabeller på tre aftener.',
    featured: true,
  },
  {
    slug: 'fagboeger-studerende',
    name: 'Studierabat på fagbøger',
    partner: null,
    category: 'Uddannelse',
    offer: '50 % rabat',
    summary: 'Fagbøger til halv pris for studerende.',
    segments: ['students'],
  },
  {
    slug: 'sprogkursus',
    name: 'Sprogkursus i engelsk og tysk',
    partner: 'Sprogskolen Øst',
    category: 'Uddannelse',
    offer: '30 % rabat',
    summary: 'Bliv bedre til engelsk og tysk på jobbet.',
  },
  {
    slug: 'feriehuse',
    name: 'Feriehuse ved Vesterhavet',
    partner: 'Klitferie',
    category: 'Fritid',
    offer: 'Fra 1.995 kr. pr. uge',
    summary: 'Lej et sommerhus til medlemspris.',
    featured: true,
  },
  {
    slug: 'biografbilletter',
    name: 'Billige biografbilletter',
    partner: 'Kino Syd',
    category: 'Fritid',
    offer: '25 % rabat',
    summary: 'Se film for mindre.',
  },
  {
    slug: 'fitness',
    name: 'Rabat i fitnesscentre',
    partner: 'Styrkehuset',
    category: 'Fritid',
    offer: '3 måneder til halv pris',
    summary: 'Træn i over 100 centre i hele landet.',
  },
  {
    slug: 'loenforsikring',
    name: 'Lønforsikring ved ledighed',
    partner: 'Tryghedskassen',
    category: 'Økonomi',
    offer: 'Op til 80 % af lønnen',
    summary: 'Suppler dagpengene, hvis du mister jobbet.',
    featured: true,
  },
  {
    slug: 'privatoekonomi-raadgivning',
    name: 'Rådgivning om privatøkonomi',
    partner: 'Pengeværkstedet',
    category: 'Økonomi',
    offer: 'Gratis samtale',
    summary: 'Få styr på budget, gæld og opsparing.',
  },
  {
    slug: 'julerabat-2025',
    name: 'Julerabat i partnerbutikker',
    partner: 'Handelsringen',
    category: 'Økonomi',
    offer: '15 % rabat',
    summary: 'Gjaldt julen 2025.',
    validTo: '2025-12-31T23:59:59Z',
  },
]

const IMAGE_WIDTH = 1600
const IMAGE_HEIGHT = 900

/** A simple abstract picture per topic: generated, so the repository ships no photographs. */
async function writeTopicImage(dir: string, slug: string, colour: string, variant: number): Promise<string> {
  const file = `img/${slug}-${variant}.jpg`
  const circles = Array.from({ length: 6 }, (_, i) => {
    const x = ((i * 337 + variant * 211) % IMAGE_WIDTH) + 40
    const y = ((i * 173 + variant * 97) % IMAGE_HEIGHT) + 40
    return `<circle cx="${x}" cy="${y}" r="${120 + ((i * 53 + variant * 31) % 180)}" fill="#ffffff" fill-opacity="${0.08 + (i % 3) * 0.06}"/>`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="#111111"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${circles}</svg>`
  await sharp(Buffer.from(svg)).jpeg({ quality: 72 }).toFile(path.join(dir, file))
  return file
}

async function writeLogo(dir: string): Promise<string> {
  const file = 'img/faf-logo.png'
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="144">
    <rect width="480" height="144" rx="16" fill="#b3123b"/>
    <rect x="24" y="36" width="72" height="72" rx="36" fill="#ffffff"/>
    <rect x="120" y="52" width="320" height="40" rx="8" fill="#ffffff" fill-opacity="0.9"/></svg>`
  await sharp(Buffer.from(svg)).png().toFile(path.join(dir, file))
  return file
}

function markdownBody(paragraphs: string[], extra = ''): string {
  const [first, ...rest] = paragraphs
  return [
    first,
    '## Det skal du vide',
    ...rest,
    '- Kontakt os på **70 00 00 00**',
    '- Eller skriv via [Mit FAF](https://faf.example.org/mit-faf)',
    extra,
  ]
    .filter(Boolean)
    .join('\n\n')
}

/** Writes `content.json` and its images into `dir`; returns the file path for `importFile`. */
export async function writeDemoContent(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'img'), { recursive: true })
  const topicImages = new Map<string, string[]>()
  for (const topic of TOPICS) {
    topicImages.set(
      topic.slug,
      await Promise.all([0, 1, 2].map((v) => writeTopicImage(dir, topic.slug, topic.colour, v))),
    )
  }
  const logo = await writeLogo(dir)
  const start = Date.parse('2026-01-05T08:00:00Z')
  const day = 86_400_000

  const articles: Record<string, unknown>[] = ARTICLES.map((a, index) => {
    const images = topicImages.get(a.topic) as string[]
    return {
      slug: a.slug,
      locale: 'da',
      title: a.title,
      summary: a.summary,
      body: { markdown: markdownBody(a.paragraphs) },
      topics: [a.topic],
      segments: a.segments ?? [],
      authors: [['Mette Kjær', 'Jonas Holm', 'Aila Sara', 'Rasmus Poulsen'][index % 4]],
      publishedAt: new Date(start + index * 9 * day).toISOString(),
      status: 'published',
      // Every fifth article has no picture: channels must cope.
      ...(index % 5 === 4
        ? {}
        : { image: { file: images[index % 3], alt: `Illustration til artiklen: ${a.title}` } }),
    }
  })
  for (const t of TRANSLATIONS) {
    articles.push({
      slug: t.slug,
      locale: t.locale,
      translationOf: t.of,
      title: t.title,
      summary: t.summary,
      ...(t.body ? { body: { markdown: t.body } } : {}),
      status: 'published',
    })
  }

  const benefits = BENEFITS.map((b, index) => ({
    slug: b.slug,
    locale: 'da',
    name: b.name,
    ...(b.partner ? { partner: b.partner, partnerUrl: `https://example.org/partner/${b.slug}` } : {}),
    category: b.category,
    summary: b.summary,
    body: { markdown: `${b.summary}\n\nRabatten gælder, så længe du er medlem.` },
    offer: b.offer,
    howToClaim: 'Log ind på Mit FAF, hent din rabatkode, og oplys den ved bestilling.',
    eligibleSegments: b.segments ?? [],
    eligibility: b.segments ? 'Studerende medlemmer' : 'Alle medlemmer',
    validFrom: '2026-01-01T00:00:00Z',
    validTo: b.validTo ?? '2027-12-31T23:59:59Z',
    featured: b.featured ?? false,
    publishedAt: new Date(start + index * 3 * day).toISOString(),
    status: 'published',
    ...(b.featured ? { logo: { file: logo, alt: `${b.partner ?? 'FAF'} logo` } } : {}),
  }))

  const campaigns = [
    {
      slug: 'stem-om-ok26',
      locale: 'da',
      title: 'Stem om OK26',
      summary: 'Din stemme afgør, om forliget bliver vedtaget.',
      body: {
        markdown:
          'Afstemningen om OK26 kører i hele uge 48.\n\n## Sådan stemmer du\n\n1. Log ind med MitID\n2. Læs forliget\n3. Stem ja eller nej',
      },
      image: { file: (topicImages.get('overenskomst') as string[])[0], alt: 'Stemmeseddel i en urne' },
      callToAction: { label: 'Stem nu', url: 'https://faf.example.org/stem' },
      newsletterText: 'Husk at stemme om OK26 inden fredag kl. 12.',
      letterText: 'Du kan stemme digitalt med MitID eller med den vedlagte stemmekode.',
      socialPosts: [
        { platform: 'facebook', text: 'Afstemningen om OK26 er åben. Stem nu!' },
        { platform: 'linkedin', text: 'OK26: medlemmerne har ordet.' },
      ],
      startsAt: '2026-11-01T00:00:00Z',
      endsAt: '2027-03-31T12:00:00Z',
      segments: [],
      relatedArticles: ['ok26-afstemning-aabner', 'hvad-betyder-forliget'],
      relatedBenefits: [],
      publishedAt: '2026-11-01T08:00:00Z',
      status: 'published',
    },
    {
      slug: 'tag-en-kollega-med',
      locale: 'da',
      title: 'Tag en kollega med',
      summary: 'Jo flere vi er, jo stærkere står vi. Få en kollega med i fællesskabet.',
      body: {
        markdown:
          'Kender du en kollega, der ikke er medlem? Fortæl, hvad fællesskabet betyder for dig.\n\nFor hver ny kollega får du et gavekort på 200 kr.',
      },
      image: {
        file: (topicImages.get('studerende') as string[])[1],
        alt: 'To kolleger taler sammen ved en kaffemaskine',
      },
      callToAction: { label: 'Anbefal FAF', url: 'https://faf.example.org/anbefal' },
      newsletterText: 'Få en kollega med og få et gavekort på 200 kr.',
      letterText: '',
      socialPosts: [{ platform: 'instagram', text: 'Tag en kollega med i FAF 💪' }],
      startsAt: '2026-09-01T00:00:00Z',
      endsAt: '2027-06-30T00:00:00Z',
      segments: [],
      relatedArticles: ['velkommen-ny-i-faf'],
      relatedBenefits: ['indboforsikring'],
      publishedAt: '2026-09-01T08:00:00Z',
      status: 'published',
    },
  ]

  const newsletters = [
    {
      slug: 'nyhedsbrev-november-2026',
      locale: 'da',
      subject: 'OK26: nu skal du stemme',
      preheader: 'Afstemningen er åben til fredag kl. 12',
      intro: { markdown: 'Kære medlem,\n\nnovember handler om én ting: din stemme om OK26.' },
      items: [
        { kind: 'campaign', key: 'stem-om-ok26' },
        { kind: 'article', key: 'ok26-afstemning-aabner' },
        { kind: 'article', key: 'hvad-betyder-forliget' },
        { kind: 'article', key: 'fritvalgskonto-stiger' },
        { kind: 'benefit', key: 'indboforsikring' },
      ],
      publishedAt: '2026-11-02T07:00:00Z',
      status: 'published',
    },
    {
      slug: 'studienyt-efteraar-2026',
      locale: 'da',
      subject: 'Studienyt: job, løn og gratis kurser',
      preheader: 'Til dig, der studerer',
      intro: { markdown: 'Hej,\n\nher er efterårets vigtigste nyt til studerende.' },
      items: [
        { kind: 'article', key: 'studiejob-rettigheder' },
        { kind: 'article', key: 'elevloen-2026' },
        { kind: 'article', key: 'cv-workshop' },
        { kind: 'benefit', key: 'fagboeger-studerende' },
        { kind: 'campaign', key: 'tag-en-kollega-med' },
      ],
      segment: 'students',
      publishedAt: '2026-10-01T07:00:00Z',
      status: 'published',
    },
    {
      slug: 'studienyt-efteraar-2026',
      locale: 'en',
      translationOf: 'studienyt-efteraar-2026',
      subject: 'Student news: jobs, pay and free courses',
      preheader: 'For you who study',
      intro: { markdown: 'Hi,\n\nhere is the autumn news for students.' },
      status: 'published',
    },
  ]

  const letters = [
    {
      slug: 'velkommen',
      locale: 'da',
      subject: 'Velkommen i FAF',
      body: {
        markdown: [
          'Kære {{first_name}}',
          'Tak, fordi du har meldt dig ind i Fællesforbundet for Administration og Handel. Dit medlemskab gælder fra i dag.',
          '## Dit medlemskab',
          'Dit medlemsnummer er **{{member_number}}**. Din lokalafdeling er {{branch}}, som du altid kan kontakte.',
          '- **Juridisk hjælp** med kontrakt, løn og opsigelse',
          '- Kurser og arrangementer i din lokalafdeling',
          '- Rabatter hos vores partnere',
          'Log ind på Mit FAF med dit medlemsnummer for at se dine fordele.',
        ].join('\n\n'),
      },
      signature: { name: 'Lise Nørgaard-Østergaard', title: 'Formand' },
      publishedAt: '2026-01-02T08:00:00Z',
      status: 'published',
    },
  ]

  // The standing pages a union's site has, in a small tree, and the menus that lead to them.
  const pages = [
    {
      slug: 'bliv-medlem',
      title: 'Bliv medlem',
      body: {
        markdown:
          'Som medlem af FAF får du hjælp med løn, kontrakt og arbejdsmiljø, og du er med, når vi forhandler.\n\nDet tager fem minutter at melde sig ind.',
      },
      order: 1,
      publishedAt: '2026-01-02T08:00:00Z',
    },
    {
      slug: 'become-a-member',
      locale: 'en',
      translationOf: 'bliv-medlem',
      title: 'Become a member',
      body: { markdown: 'As a member of FAF you get help with pay, contracts and your working environment.' },
    },
    {
      slug: 'kontingent',
      title: 'Kontingent',
      parent: 'bliv-medlem',
      body: { markdown: 'Kontingentet afhænger af din indkomst. Studerende betaler et lavere kontingent.' },
      publishedAt: '2026-01-02T08:00:00Z',
    },
    {
      slug: 'om-faf',
      title: 'Om FAF',
      body: { markdown: 'FAF blev stiftet af kontorfolk og butiksansatte, der ville stå sammen.' },
      order: 2,
      publishedAt: '2026-01-02T08:00:00Z',
    },
    {
      slug: 'vedtaegter',
      title: 'Vedtægter',
      parent: 'om-faf',
      order: 1,
      body: { markdown: '## § 1 Navn\n\nForbundets navn er Fællesforbundet for Administration og Handel.' },
      publishedAt: '2026-01-02T08:00:00Z',
    },
    {
      slug: 'privatlivspolitik',
      title: 'Privatlivspolitik',
      parent: 'om-faf',
      order: 2,
      body: {
        markdown: 'Vi behandler kun de oplysninger om dig, som vi skal bruge for at hjælpe dig som medlem.',
      },
      publishedAt: '2026-01-02T08:00:00Z',
    },
    {
      slug: 'kontakt',
      title: 'Kontakt',
      body: { markdown: 'Ring på +45 70 00 00 00 eller skriv til medlem@faf.example.org.' },
      order: 3,
      publishedAt: '2026-01-02T08:00:00Z',
    },
  ]

  const navigation = {
    header: {
      da: [
        { section: 'home' },
        { section: 'archive', label: 'Nyheder' },
        { page: 'bliv-medlem' },
        { section: 'benefits' },
        { campaign: 'stem-om-ok26', label: 'OK26' },
        { page: 'om-faf' },
        { section: 'search' },
      ],
      en: [{ section: 'home' }, { page: 'bliv-medlem' }, { section: 'archive' }, { section: 'search' }],
    },
    footer: {
      da: [
        { page: 'kontakt' },
        { page: 'vedtaegter' },
        { page: 'privatlivspolitik' },
        { url: 'https://facebook.example/faf', label: 'Facebook' },
      ],
    },
  }

  const content = {
    organisation: {
      name: 'Fællesforbundet for Administration og Handel',
      shortName: 'FAF',
      logo: { file: logo, alt: 'FAF logo' },
      colours: { primary: '#b3123b', accent: '#1d4e89', text: '#1a1a1a', background: '#ffffff' },
      postalAddress: { street: 'Eksempelvej 8', postalCode: '2300', city: 'København S', country: 'DK' },
      email: 'medlem@faf.example.org',
      phone: '+45 70 00 00 00',
      siteUrl: 'https://faf.example.org',
      social: { facebook: 'https://facebook.example/faf', linkedin: 'https://linkedin.example/company/faf' },
      unsubscribeUrlPattern: 'https://faf.example.org/afmeld?m={member_id}',
      preferencesUrlPattern: 'https://faf.example.org/praeferencer?m={member_id}',
      localized: {
        da: {
          tagline: 'Sammen står vi stærkere',
          about: {
            markdown:
              'FAF organiserer ansatte i administration, handel og service i hele Danmark.\n\nVi forhandler overenskomster, rådgiver medlemmer og arbejder for et godt arbejdsliv.',
          },
          whyYouGetThis: 'Du får denne e-mail, fordi du er medlem af FAF.',
        },
        sv: {
          tagline: 'Tillsammans är vi starkare',
          whyYouGetThis: 'Du får detta e-brev eftersom du är medlem i FAF.',
        },
        nb: {
          tagline: 'Sammen står vi sterkere',
          whyYouGetThis: 'Du får denne e-posten fordi du er medlem av FAF.',
        },
        en: {
          tagline: 'Stronger together',
          about: {
            markdown: 'FAF organises people working in administration, retail and services across Denmark.',
          },
          whyYouGetThis: 'You receive this e-mail because you are a member of FAF.',
        },
      },
    },
    topics: TOPICS.map(({ slug, name }) => ({ slug, name })),
    segments: SEGMENTS,
    articles,
    benefits,
    campaigns,
    pages,
    newsletters,
    letters,
    navigation,
  }
  const file = path.join(dir, 'content.json')
  await writeFile(file, JSON.stringify(content, null, 2) + '\n')
  return file
}
