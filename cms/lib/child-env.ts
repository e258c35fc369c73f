/**
 * The environment for a `budstikke` command the admin server starts (publish, preview): the admin's
 * settings without the Next dev server's own variables. Inherited as they are, NODE_ENV=development
 * and PORT make Payload in the child open a hot-reload WebSocket to the admin server, which keeps the
 * child alive after its work is done.
 */
export function cliChildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (
      name.startsWith('__NEXT') ||
      name.startsWith('NEXT_PRIVATE') ||
      name === 'NEXT_RUNTIME' ||
      name === 'PORT' ||
      name === 'NODE_ENV'
    )
      continue
    env[name] = value
  }
  return {
    ...(env as NodeJS.ProcessEnv),
    DISABLE_PAYLOAD_HMR: 'true',
    // Next's own loader flags must not follow into the CLI.
    NODE_OPTIONS: '',
    ...extra,
  }
}
