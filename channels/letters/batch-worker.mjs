// Worker-thread entry for print-run batches. Plain JS so it starts under any loader: it registers
// tsx (the project's TypeScript runner) for this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./batch-worker-main.ts')
