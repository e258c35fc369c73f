import config from '@payload-config'
import { getPayload } from 'payload'
import { handlePreviewRequest } from '../../../../preview/preview-route.ts'

// Previews depend on the signed-in user and the current draft: never prerendered or cached by Next.
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  const payload = await getPayload({ config })
  return handlePreviewRequest(payload, request)
}
