/**
 * What loading Payload's config costs at every start of the CLI and the admin (issue 15): only the
 * database adapter DATABASE_URI selects is imported. MongoDB's adapter, mongoose and the MongoDB driver
 * (about 450 modules) stay out of a SQLite start, and SQLite's Drizzle and libSQL out of a MongoDB one.
 * Building the config connects to nothing, so the MongoDB case needs no server.
 *
 * Each case runs in a fresh Node process (a module, once loaded, stays loaded) and reports every
 * package it loaded: resolved through the module hooks (ESM and `require`) or in `require.cache`
 * (the CommonJS packages such as mongoose and the driver).
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveInsidePackage } from '../../scripts/bin/fast-resolve.mjs'

const root = path.resolve(import.meta.dirname, '../..')
const moduleUrl = (file: string) => JSON.stringify(pathToFileURL(path.join(root, file)).href)

/** A Node program that runs `body` and prints, as JSON, every package loaded by then. */
const child = (body: string) => `
import { createRequire, registerHooks } from 'node:module'
import { fileURLToPath } from 'node:url'
const files = new Set()
registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context)
    if (resolved.url.startsWith('file:')) files.add(fileURLToPath(resolved.url))
    return resolved
  },
})
${body}
for (const file of Object.keys(createRequire(import.meta.url).cache)) files.add(file)
const packages = new Set([...files].map((f) => f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)?.[1]).filter(Boolean))
console.log(JSON.stringify([...packages].sort()))
`

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-startup-modules-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs a Node program (an ES module, given as text) in the project and returns its last line, parsed. */
async function runNode(program: string, nodeOptions: string[], databaseUri = ''): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...nodeOptions, '--input-type=module', '--eval', program],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URI: databaseUri,
        BUDSTIKKE_DATA_DIR: dir,
        BUDSTIKKE_CLI: '1',
        BUDSTIKKE_LOG_LEVEL: 'warn',
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  )
  return JSON.parse(stdout.trim().split('\n').pop() as string) as string[]
}

const packagesLoaded = (body: string, databaseUri = '') =>
  runNode(child(body), ['--import', 'tsx'], databaseUri)

const loadConfig = `await (await import(${moduleUrl('cms/payload.config.ts')})).default`

const MONGODB = ['@payloadcms/db-mongodb', 'mongoose', 'mongodb']
const SQLITE = ['@payloadcms/db-sqlite', '@payloadcms/drizzle', '@libsql/client']

describe("Payload's config imports only the database adapter in use", () => {
  it('a SQLite start loads neither MongoDB’s adapter nor mongoose nor the MongoDB driver', async () => {
    const loaded = await packagesLoaded(loadConfig, `file:${path.join(dir, 'budstikke.db')}`)
    expect(loaded).toEqual(expect.arrayContaining([...SQLITE, 'payload']))
    for (const name of MONGODB) expect(loaded).not.toContain(name)
  }, 120_000)

  it('a MongoDB start loads mongoose and the driver, and not Drizzle or libSQL', async () => {
    const loaded = await packagesLoaded(loadConfig, 'mongodb://127.0.0.1:27017/budstikke')
    expect(loaded).toEqual(expect.arrayContaining([...MONGODB, 'payload']))
    for (const name of SQLITE) expect(loaded).not.toContain(name)
  }, 120_000)
})

describe('publish steps', () => {
  // `publish --only newsletters` imports every step (to check the names, and to carry over the output of
  // those left out); a step's renderer is imported only when the step runs.
  it('importing every channel’s publish step loads no renderer (no satori, sharp, MJML or Astro)', async () => {
    const loaded = await packagesLoaded(
      `const steps = await (await import(${moduleUrl('scripts/publish/discover-steps.ts')})).listPublishSteps()
       if (steps.length < 3) throw new Error('expected the cards, newsletter and site steps')`,
    )
    for (const name of ['satori', 'sharp', 'mjml', 'astro', '@resvg/resvg-js'])
      expect(loaded).not.toContain(name)
  }, 120_000)
})

describe('the CLI’s quicker resolution (scripts/bin/fast-resolve.mjs)', () => {
  // The CLI's hooks in the CLI's order (fast-resolve, then tsx), with a recorder between them that sees
  // every import's final URL and format.
  const resolvedWhileLoadingConfig = (fast: boolean) => `
import { registerHooks } from 'node:module'
const resolved = new Set();
${fast ? `(await import(${moduleUrl('scripts/bin/fast-resolve.mjs')})).registerFastResolve()` : ''}
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context)
    resolved.add(result.url + ' ' + result.format)
    return result
  },
})
const { register } = await import('tsx/esm/api')
register()
${loadConfig}
console.log(JSON.stringify([...resolved].sort()))
`

  it('loads the same files in the same formats as Node’s own resolution', async () => {
    const [fast, node] = await Promise.all([
      runNode(resolvedWhileLoadingConfig(true), []),
      runNode(resolvedWhileLoadingConfig(false), []),
    ])
    expect(fast.length).toBeGreaterThan(1000)
    expect(fast).toEqual(node)
  }, 180_000)

  it('resolves only relative .js imports inside ES-module packages; anything else is left to Node', async () => {
    const pkg = path.join(dir, 'resolve', 'node_modules', 'esm-pkg')
    const cjs = path.join(dir, 'resolve', 'node_modules', 'cjs-pkg')
    await mkdir(path.join(pkg, 'dist', 'inner'), { recursive: true })
    await mkdir(cjs, { recursive: true })
    await writeFile(
      path.join(pkg, 'package.json'),
      JSON.stringify({ type: 'module', exports: { '.': './dist/a.js' } }),
    )
    await writeFile(path.join(cjs, 'package.json'), JSON.stringify({ name: 'cjs-pkg' }))
    for (const file of ['dist/a.js', 'dist/inner/b.js']) await writeFile(path.join(pkg, file), 'export {}\n')
    await writeFile(path.join(cjs, 'c.js'), 'module.exports = {}\n')
    await symlink(path.join(pkg, 'dist/a.js'), path.join(pkg, 'dist/inner/linked.js'))
    const parent = pathToFileURL(path.join(pkg, 'dist/a.js')).href
    const url = (file: string) => pathToFileURL(path.join(pkg, file)).href

    expect(resolveInsidePackage('./inner/b.js', parent)).toEqual({
      url: url('dist/inner/b.js'),
      format: 'module',
    })
    expect(resolveInsidePackage('../a.js', url('dist/inner/b.js'))).toEqual({
      url: url('dist/a.js'),
      format: 'module',
    })
    // A symbolic link resolves to the file's real path, as in Node (one module, not two).
    expect(resolveInsidePackage('./inner/linked.js', parent)).toEqual({
      url: url('dist/a.js'),
      format: 'module',
    })
    expect(resolveInsidePackage('./missing.js', parent)).toBeNull()
    expect(resolveInsidePackage('./inner', parent)).toBeNull()
    expect(resolveInsidePackage('./inner/b.js?x=1', parent)).toBeNull()
    expect(resolveInsidePackage('./inner%2Fb.js', parent)).toBeNull()
    expect(resolveInsidePackage('esm-pkg', parent)).toBeNull()
    expect(resolveInsidePackage('./c.js', pathToFileURL(path.join(cjs, 'index.js')).href)).toBeNull()
    // The project's own files go through tsx and Node.
    expect(
      resolveInsidePackage('./payload.config.js', pathToFileURL(path.join(root, 'cms/x.ts')).href),
    ).toBeNull()
  })
})
