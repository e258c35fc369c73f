/** Types of run-typescript.mjs (plain JavaScript: it starts tsx). */
export function runTypeScript(file: string): Promise<void>
