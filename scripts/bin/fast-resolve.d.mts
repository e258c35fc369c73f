/** Types of fast-resolve.mjs (plain JavaScript: it is registered before tsx). */
export function resolveInsidePackage(
  specifier: string,
  parentURL: string | undefined,
): { url: string; format: 'module' } | null
export function registerFastResolve(): void
