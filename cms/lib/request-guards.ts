/**
 * Malformed requests to the REST API answer 4xx instead of Payload's 500 "Something went wrong":
 * - A document id that is no whole number, on SQLite's numeric ids: Payload parses it to NaN and the
 *   query fails. It also comes from paths Next normalises: `/api/media/file/%2e%2e/budstikke.db` is
 *   `/api/media/budstikke.db`, i.e. the media document with id "budstikke.db" (404; files are never
 *   served from outside the media folder, Payload refuses `../` in a file name).
 * - A body Payload does not read (a urlencoded form to `/api/articles`): the operation ran without data
 *   and failed in a hook. Payload reads JSON and multipart forms only; urlencoded is its method-override
 *   query (`X-Payload-HTTP-Method-Override: GET`, which the admin uses).
 */
import { NotFound, type CollectionBeforeOperationHook, type Plugin } from 'payload'

const rejectMalformedId: CollectionBeforeOperationHook = ({ args, req }) => {
  const id = (args as { id?: unknown }).id
  if (req.payload.db.defaultIDType === 'number' && typeof id === 'number' && !Number.isSafeInteger(id))
    throw new NotFound(req.t)
  return undefined
}

/** Payload plugin: every collection answers 404 to an id that cannot be one of its documents. */
export const rejectMalformedIds: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [rejectMalformedId, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})

/** Wraps a REST route (POST, PATCH, PUT): a body in a format Payload does not read is refused with 400. */
export function withReadableBody<Context>(
  handler: (request: Request, context: Context) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    const header = request.headers.get('content-type')
    // Payload's own test (addDataAndFileToRequest.js): the type before any `;`, compared as is.
    const type = header?.split(';', 1)[0]
    const methodOverride =
      (request.headers.get('x-payload-http-method-override') ??
        request.headers.get('x-http-method-override')) === 'GET'
    const readable =
      !header ||
      type === 'application/json' ||
      type!.includes('multipart/') ||
      (methodOverride && type === 'application/x-www-form-urlencoded')
    if (readable) return handler(request, context)
    // Payload's error shape, so the admin and API clients show the message.
    return Response.json(
      {
        errors: [
          {
            message: `The API reads JSON (Content-Type: application/json) or multipart/form-data with a _payload field, not ${type}.`,
          },
        ],
      },
      { status: 400 },
    )
  }
}
