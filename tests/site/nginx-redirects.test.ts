/**
 * The nginx map in real nginx (Debian's `nginx`, .ci/apt-packages.txt), included as docs/redirects.md
 * says: the map file in the `http` block, one `if ($budstikke_redirect)` line in the server block. Every
 * old path answers 301 to its new address, and so does every old address with a query (`/?p=123`)
 * through the chained query maps, also with a visitor's extra parameters; the home page and an unknown
 * `?p=` stay pages.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeRedirectFiles } from '../../channels/site/redirect-files.ts'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { BUILD_DATE, fixtureFile } from './fixtures/bad-snapshot.ts'
import { EXPECTED, EXPECTED_QUERY, withOldAddresses } from './fixtures/redirect-snapshot.ts'

const snapshot = withOldAddresses(parseSnapshot(JSON.parse(readFileSync(fixtureFile, 'utf8'))))
const model = buildSiteModel(snapshot, { buildDate: BUILD_DATE, mediaExists: () => true })
const HOME = '<!doctype html><title>Forsiden</title>'
let dir: string
let base: string
let nginx: ChildProcess
let nginxLog = ''

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(url, { redirect: 'manual' })
      return
    } catch {
      if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: ${nginxLog}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`nginx did not answer at ${url}: ${nginxLog}`)
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-nginx-'))
  const site = path.join(dir, 'site')
  await mkdir(site)
  await writeFile(path.join(site, 'index.html'), HOME)
  await writeRedirectFiles(site, snapshot, model)
  const port = await freePort()
  const temp = (name: string) => `${name} ${path.join(dir, name)};`
  await writeFile(
    path.join(dir, 'nginx.conf'),
    [
      // As root the workers would run as nobody, who cannot read a mkdtemp folder.
      process.getuid?.() === 0 ? 'user root;' : '',
      'daemon off;',
      'master_process off;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(dir, 'error.log')};`,
      'events {}',
      'http {',
      '    access_log off;',
      ...[
        'client_body_temp_path',
        'proxy_temp_path',
        'fastcgi_temp_path',
        'uwsgi_temp_path',
        'scgi_temp_path',
      ].map((name) => `    ${temp(name)}`),
      // What docs/redirects.md tells a user to write.
      `    include ${path.join(site, 'redirects.nginx.conf')};`,
      '    server {',
      `        listen 127.0.0.1:${port};`,
      `        root ${site};`,
      '        if ($budstikke_redirect) { return 301 $budstikke_redirect; }',
      '    }',
      '}',
      '',
    ].join('\n'),
  )
  nginx = spawn('nginx', ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  nginx.on('error', (error) => (nginxLog += `${error.message} (is Debian's nginx installed?)`))
  nginx.stderr?.on('data', (chunk: Buffer) => (nginxLog += chunk.toString()))
  base = `http://127.0.0.1:${port}`
  await waitForServer(base)
}, 30_000)

afterAll(async () => {
  nginx?.kill()
  await rm(dir, { recursive: true, force: true })
})

/** Where nginx sends a request: its status and the Location's path (or the whole URL for another site). */
async function answer(address: string): Promise<{ status: number; to: string | null }> {
  const response = await fetch(`${base}${address}`, { redirect: 'manual' })
  await response.arrayBuffer()
  const location = response.headers.get('location')
  if (!location) return { status: response.status, to: null }
  const url = new URL(location, base)
  return { status: response.status, to: url.origin === base ? `${url.pathname}${url.search}` : url.href }
}

describe('redirects.nginx.conf in nginx', () => {
  for (const [from, to] of Object.entries(EXPECTED))
    it(`${from} → 301 ${to}`, async () => {
      expect(await answer(from)).toEqual({ status: 301, to })
    })

  for (const [from, to] of Object.entries(EXPECTED_QUERY))
    it(`${from} → 301 ${to}`, async () => {
      expect(await answer(from)).toEqual({ status: 301, to })
    })

  it('a folder path without its slash, and a query among a visitor’s other parameters', async () => {
    expect(await answer('/2018/11/03/ok26-afstemning')).toEqual({
      status: 301,
      to: '/artikler/ok26-afstemning/',
    })
    expect(await answer('/?utm_source=nyhedsbrev&p=123')).toEqual({
      status: 301,
      to: '/artikler/ok26-afstemning/',
    })
  })

  it('leaves the home page, an unknown ?p= and other queries alone', async () => {
    for (const address of ['/', '/?p=999', '/?cat=8', '/?utm_source=nyhedsbrev'])
      expect(await answer(address), address).toEqual({ status: 200, to: null })
  })
})
