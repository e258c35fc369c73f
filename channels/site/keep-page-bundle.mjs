// The Astro build's page bundle, kept for later publishes (page-bundle.ts loads it in the publish process).
// Plain JavaScript: it runs inside the Astro child (astro-build.mjs), which has no TypeScript loader.
//
// Astro's static build writes its page bundle (`.prerender/`), imports it, renders every page through a
// "prerenderer" and deletes the bundle at the end. This integration wraps that prerenderer and, when the
// build is done, copies the bundle aside with what re-creating the prerenderer in another process needs
// and Astro does not write down: the stylesheets each page's head links (Astro's build "internals"), the
// page scripts, and the image settings. It also records the metadata Astro's image pipeline was given for
// each hero (keyed by the sha256 of the image file), so a later render gives the same `/_astro/*.webp` URLs.
//
// A bundle is written to `<dir>.part-<pid>` and renamed into place: a reader sees a whole bundle or none.
// When the folder exists already (another build with the same sources), only the hero list is merged in.
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Bump when the layout of `bundle.json` changes (page-bundle.ts checks it). */
export const PAGE_BUNDLE_VERSION = 1
/** Where a bundle keeps its copy of the build's `/_astro/` files (page-bundle-render.ts reads them). */
export const KEPT_ASSETS = 'assets'
const PRERENDER_ENTRY_PREFIX = 'prerender-entry'

/** @param {string} keepDir @returns {import('astro').AstroIntegration} */
export function keepPageBundle(keepDir) {
  /** @type {import('astro').AstroConfig | undefined} */
  let config
  return {
    name: 'budstikke:keep-page-bundle',
    hooks: {
      'astro:config:done': ({ config: done }) => {
        config = done
      },
      // After the images are written: the bundle keeps a copy of every `/_astro/` file, so a later render
      // through it needs no previous output (a full build into a clean folder).
      'astro:build:done': ({ dir }) => {
        try {
          keepAssets(keepDir, fileURLToPath(dir))
        } catch (error) {
          console.warn(`[WARN] site: page bundle assets not kept in ${keepDir}: ${error.message}`)
        }
      },
      'astro:build:start': ({ setPrerenderer }) =>
        setPrerenderer((astros) => {
          let prerenderDir = ''
          let entry = ''
          /** @type {any} */
          let internals
          /** @type {Map<string, object>} fsPath → the image metadata Astro's <Image> was given */
          const heroes = new Map()
          return {
            ...astros,
            name: 'budstikke:keep-page-bundle',
            async setup() {
              prerenderDir = prerenderOutputDir(config)
              entry = readdirSync(prerenderDir).find((name) => name.startsWith(PRERENDER_ENTRY_PREFIX)) ?? ''
              // The default prerenderer imports this same module and hands it the internals: catch them.
              if (entry) {
                const { app } = await import(pathToFileURL(path.join(prerenderDir, entry)).href)
                const setInternals = app.setInternals.bind(app)
                app.setInternals = (value) => {
                  internals = value
                  setInternals(value)
                }
              }
              await astros.setup?.()
              const asset = globalThis.astroAsset
              const add = asset?.addStaticImage
              if (add)
                asset.addStaticImage = (options, hashProperties, fsPath) => {
                  if (fsPath && options.src && typeof options.src === 'object')
                    heroes.set(fsPath, { ...options.src })
                  return add(options, hashProperties, fsPath)
                }
            },
            getStaticPaths: () => astros.getStaticPaths(),
            render: (request, options) => astros.render(request, options),
            async teardown() {
              await astros.teardown?.()
              if (!entry || !internals || !config) return
              try {
                saveBundle({ keepDir, prerenderDir, entry, internals, config, app: astros.app, heroes })
              } catch (error) {
                // A bundle not kept only means the next publish builds with Astro again.
                console.warn(`[WARN] site: page bundle not kept in ${keepDir}: ${error.message}`)
              }
            },
          }
        }),
    },
  }
}

/** Where Astro wrote the bundle (astro/dist/prerender/utils.js: in the output folder when that is under cwd). */
function prerenderOutputDir(config) {
  const outDir = fileURLToPath(config.outDir)
  const base = outDir.startsWith(process.cwd()) ? outDir : path.join(process.cwd(), '.astro')
  return path.join(base, '.prerender')
}

function saveBundle({ keepDir, prerenderDir, entry, internals, config, app, heroes }) {
  const images = {}
  for (const [fsPath, meta] of heroes)
    if (existsSync(fsPath)) images[createHash('sha256').update(readFileSync(fsPath)).digest('hex')] = meta
  if (existsSync(path.join(keepDir, 'bundle.json'))) {
    mergeImages(keepDir, images)
    return
  }
  const part = `${keepDir}.part-${process.pid}`
  rmSync(part, { recursive: true, force: true })
  cpSync(prerenderDir, path.join(part, 'prerender'), { recursive: true })
  const settings = app?.getSettings?.()
  const description = {
    version: PAGE_BUNDLE_VERSION,
    entry,
    // What the build environment's headElements() reads (astro/dist/core/build/environment.js).
    pageStyles: [...internals.pagesByKeys].map(([key, page]) => [key, { styles: page.styles }]),
    entrySpecifierToBundleMap: [...internals.entrySpecifierToBundleMap],
    scripts: settings?.scripts ?? [],
    site: config.site,
    base: config.base,
    assetsPrefix: config.build.assetsPrefix ?? null,
    buildFormat: config.build.format,
    imageService: config.image.service.entrypoint,
  }
  writeFileSync(path.join(part, 'bundle.json'), JSON.stringify(description))
  writeFileSync(path.join(part, 'images.json'), JSON.stringify(images))
  try {
    renameSync(part, keepDir)
  } catch (error) {
    rmSync(part, { recursive: true, force: true })
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
    mergeImages(keepDir, images) // another build kept it first
  }
}

/**
 * Copies the build's `/_astro/` files (hero WebP renditions and originals, any stylesheet or script) into
 * `<keepDir>/assets/_astro/`, adding to what earlier builds of the same sources kept: the names carry a
 * hash of what made them, so a name already there holds the same bytes. Each file is copied aside and
 * renamed into place, so a reader never sees half of one.
 */
function keepAssets(keepDir, outDir) {
  const from = path.join(outDir, '_astro')
  if (!existsSync(path.join(keepDir, 'bundle.json')) || !existsSync(from)) return
  const to = path.join(keepDir, KEPT_ASSETS, '_astro')
  mkdirSync(to, { recursive: true })
  for (const name of readdirSync(from)) {
    const target = path.join(to, name)
    if (existsSync(target)) continue
    const draft = `${target}.${process.pid}`
    copyFileSync(path.join(from, name), draft)
    renameSync(draft, target)
  }
}

/** Adds heroes this build rendered to the kept bundle's list (whole-file replace, so never half written). */
function mergeImages(keepDir, images) {
  if (Object.keys(images).length === 0) return
  const file = path.join(keepDir, 'images.json')
  let known = {}
  try {
    known = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // unreadable: written anew below
  }
  const draft = `${file}.${process.pid}`
  writeFileSync(draft, JSON.stringify({ ...known, ...images }))
  renameSync(draft, file)
}
