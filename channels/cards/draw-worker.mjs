// Entry of a drawing worker. Plain JavaScript, because a worker does not inherit the TypeScript loader
// the main thread registered with tsx's register() (it only inherits `--import tsx` flags, which the
// pool drops so every worker starts the same way). Satori and sharp are imported before the loader,
// so these two large packages load without passing through it.
await import('satori')
await import('sharp')
const { register } = await import('tsx/esm/api')
register()
await import('./draw-worker.ts')
