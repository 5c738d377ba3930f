// A local SMTP sink for development (`npm start` without SMTP_URL): accepts every email on 127.0.0.1,
// writes it as an .eml file and logs one line (time, from, to, subject). Never use it in production.
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface SmtpSinkOptions {
  /** 0 picks a free port; the real one is returned. */
  port: number;
  /** Where the .eml files go (created if missing). */
  dir: string;
  /** One line per received email; defaults to stdout. */
  log?: (line: string) => void;
}

export interface SmtpSink {
  port: number;
  close(): Promise<void>;
}

const MAX_SIZE = 25 * 1024 * 1024;

export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const { dir } = options;
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  await mkdir(dir, { recursive: true });
  let counter = 0;

  async function store(raw: Buffer, session: SMTPServerSession): Promise<void> {
    counter += 1;
    const received = new Date();
    const headers = parseHeaders(raw);
    const messageId = headers.get('message-id')?.replace(/^\s*<|>\s*$/g, '');
    const id = messageId ? messageId.replace(/[^A-Za-z0-9._@=-]/g, '_').slice(0, 120) : String(counter);
    const base = `${received.toISOString().replace(/[:.]/g, '-')}-${id}`;
    const file = await writeNew(dir, base, raw);
    const from = decodeWords(headers.get('from') ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : '?'));
    const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
    const subject = decodeWords(headers.get('subject') ?? '');
    log(`${received.toISOString()} email from ${from} to ${to}: ${subject} (${file})`);
  }

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // A client configured with credentials may still authenticate: any login is accepted, in clear, locally.
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'sink' }),
    size: MAX_SIZE,
    logger: false,
    banner: 'dispositifs local SMTP sink',
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('Message exceeds the sink size limit'), { responseCode: 552 }));
          return;
        }
        store(Buffer.concat(chunks), session).then(
          () => callback(),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  server.on('error', (err: Error) => log(`${new Date().toISOString()} SMTP sink error: ${err.message}`));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port, '127.0.0.1', () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Writes base.eml, or base-2.eml … if a file already has that name (e.g. a retried send in the same ms). */
async function writeNew(dir: string, base: string, data: Buffer): Promise<string> {
  for (let n = 1; ; n += 1) {
    const file = join(dir, n === 1 ? `${base}.eml` : `${base}-${n}.eml`);
    try {
      await writeFile(file, data, { flag: 'wx' });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** The header block, unfolded, by lower-case name (first occurrence wins). */
function parseHeaders(raw: Buffer): Map<string, string> {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Decodes RFC 2047 encoded words (=?utf-8?Q?...?= / =?utf-8?B?...?=), as nodemailer writes non-ASCII headers. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (word, charset: string, encoding: string, data: string) => {
      try {
        const bytes =
          encoding.toUpperCase() === 'B'
            ? Buffer.from(data, 'base64')
            : Buffer.from(
                data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
                'latin1',
              );
        return new TextDecoder(charset).decode(bytes);
      } catch {
        return word;
      }
    });
}
