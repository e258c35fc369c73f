// Entry of the HTML → Lexical conversion thread (html-conversion-thread.ts). Plain JavaScript, because
// a worker does not inherit the TypeScript loader the main thread registered with tsx's register(); the
// thread starts with no exec arguments and registers tsx itself, as the card and letter workers do.
const { register } = await import('tsx/esm/api')
register()
await import('./html-conversion-worker-main.ts')
