import { readdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { PublishStep } from '../../channels/types.ts'

const channelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../channels')

/** Every `channels/<name>/publish-step.ts`, in their declared order. */
export async function listPublishSteps(): Promise<PublishStep[]> {
  const steps: PublishStep[] = []
  for (const entry of await readdir(channelsDir, { withFileTypes: true })) {
    const file = path.join(channelsDir, entry.name, 'publish-step.ts')
    if (!entry.isDirectory() || !existsSync(file)) continue
    const module = (await import(pathToFileURL(file).href)) as { publishStep: PublishStep }
    steps.push(module.publishStep)
  }
  return steps.sort((a, b) => a.order - b.order)
}

/** The steps to run: all, or those named by `--only` (an unknown name is refused before anything is written). */
export async function discoverPublishSteps(only?: string[]): Promise<PublishStep[]> {
  const steps = await listPublishSteps()
  const known = steps.map((s) => s.name)
  for (const name of only ?? []) {
    if (!known.includes(name))
      throw new Error(`--only ${name}: unknown channel (known: ${known.sort().join(', ')})`)
  }
  return steps.filter((s) => !only || only.includes(s.name))
}
