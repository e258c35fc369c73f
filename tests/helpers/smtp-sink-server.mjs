// The child process of smtp-sink.ts: one JSON line on stdout when listening, then one per mail received.
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        const to = Array.isArray(parsed.to)
          ? parsed.to.map((a) => a.text).join(', ')
          : (parsed.to?.text ?? '')
        const text = `${parsed.text ?? ''}\n${typeof parsed.html === 'string' ? parsed.html : ''}`
        process.stdout.write(`${JSON.stringify({ mail: { to, subject: parsed.subject ?? '', text } })}\n`)
        callback()
      })
      .catch(callback)
  },
})
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ listening: server.server.address().port })}\n`),
)
process.on('SIGTERM', () => server.close(() => process.exit(0)))
