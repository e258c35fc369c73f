/**
 * The WordPress import converts bodies on a thread of its own (cms/import/html-conversion-thread.ts):
 * a body that cannot be converted there is reported naming its post, as on the main thread, and
 * the other posts go in; a thread that is gone leaves the conversion to the main thread.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CODE_LANGUAGES } from '../../cms/fields/rich-text.ts'
import { HtmlConversionThread } from '../../cms/import/html-conversion-thread.ts'
import { importWordPress } from '../../cms/import/wordpress/import-wordpress.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'
import { FIXTURE } from './helpers.ts'

const post = (id: number, title: string, content: string) => `
	<item>
		<title><![CDATA[${title}]]></title>
		<link>https://www.fagforening-nord.example/2020/05/0${id % 10}/indlaeg-${id}/</link>
		<dc:creator><![CDATA[redaktion]]></dc:creator>
		<guid isPermaLink="false">https://www.fagforening-nord.example/?p=${id}</guid>
		<content:encoded><![CDATA[${content}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_date><![CDATA[2020-05-01 10:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2020-05-01 08:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[indlaeg-${id}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
	</item>`

describe('the conversion thread', () => {
  let cms: TempCms

  afterAll(async () => cms?.close())

  it('reports a post whose body it cannot convert, naming the post, and imports the others', async () => {
    const fixture = await readFile(FIXTURE, 'utf8')
    const header = fixture.slice(0, fixture.indexOf('<item>'))
    const items = [
      post(601, 'Før mødet', 'Vi mødes i salen.'),
      // A video whose web address has no host: its conversion throws.
      post(602, 'Mødet på video', 'Se optagelsen:\n\n<figure><video src="http://"></video></figure>'),
      post(603, 'Efter mødet', 'Tak for i aften.'),
    ]
    const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-wp-thread-'))
    await writeFile(path.join(dir, 'export.xml'), `${header}${items.join('')}\n</channel>\n</rss>\n`)
    cms = await startTempCms()
    const report = await importWordPress(cms.payload, path.join(dir, 'export.xml'), { locale: 'da' })
    expect(report.created).toBe(2)
    expect(report.rejectedItems).toBe(1)
    expect(report.rejected).toEqual([{ path: 'post 602 "Mødet på video"', message: 'Invalid URL' }])
    const titles = await cms.payload.find({ collection: 'articles', locale: 'da', sort: 'title', depth: 0 })
    expect(titles.docs.map((doc) => doc.title)).toEqual(['Efter mødet', 'Før mødet'])
  }, 120_000)

  it('answers nothing once it is gone, so the import converts on the main thread', async () => {
    const thread = new HtmlConversionThread(CODE_LANGUAGES)
    const answer = await thread.convert('<p>Hej</p>')
    expect(answer && 'tree' in answer ? answer.steps : null).toEqual([])
    await thread.close()
    expect(await thread.convert('<p>Farvel</p>')).toBeNull()
  }, 60_000)
})
