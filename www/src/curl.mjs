// A curl command → a plain HTTP request, read by curlconverter's parser (the shell words, every curl option
// and its aliases, `-G`, `--data-urlencode`, `--json`, `-u`, `-F`, `-b` as curl itself reads them). This module only
// turns its parsed request into `{method, url, headers, body}` and names everything the page leaves out.
import { parse, COMMON_SUPPORTED_ARGS } from 'curlconverter/dist/src/parse.js';
import { warnIfPartsIgnored } from 'curlconverter/dist/src/Warnings.js';

/** The curl options this page reads; every other option is named in a warning. */
const SUPPORTED = new Set([...COMMON_SUPPORTED_ARGS, 'form', 'form-string'].filter((a) => !['range', 'time-cond', 'proto-default'].includes(a)));

/** What a file argument becomes: the page cannot read the user's files. */
export const placeholder = (file) => `<contents of ${file}>`;

const str = (word) => (word == null ? '' : word.toString());

function basicAuth(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

/**
 * Read a curl command. Returns `{request, warnings}`: `request` is `{method, url, headers: [[name, value]],
 * body: string}` (a multipart body is serialized by the browser's own `FormData` encoder), `warnings` are
 * sentences naming every option that was ignored and every file whose contents are a placeholder.
 * Throws an Error with a readable message when the text is not a curl command.
 */
export async function curlToRequest(command) {
  const raw = [];
  const requests = parse(command, SUPPORTED, raw);
  if (!requests.length) throw new Error('no curl command found');
  const r = requests[0];
  warnIfPartsIgnored(r, raw, { multipleUrls: true, dataReadsFile: false, queryReadsFile: false });
  // curlconverter's own note on `@file` data is replaced by this page's placeholder warning below.
  const warnings = raw.filter(([code]) => code !== 'unsafe-data').map(([, message]) => String(message).replace(/^(\S+) is not a supported option(.*)$/, 'ignored: $1 (this page reads only what reaches the function)$2'));
  if (requests.length > 1) warnings.push(`only the first of ${requests.length} curl commands is read`);
  const u = r.urls[0];
  const method = str(u.method).toUpperCase();
  const headers = r.headers.headers.filter(([, v]) => v !== null).map(([n, v]) => [str(n), str(v)]);
  const has = (name) => headers.some(([n]) => n.toLowerCase() === name);
  if (u.auth && !has('authorization')) {
    const [user, password] = u.auth.map(str);
    if (r.authType === 'basic') headers.push(['Authorization', basicAuth(user, password)]);
    else warnings.push(`${r.authType} authentication is not computed; no Authorization header was added`);
  }
  if (r.oauth2Bearer && !has('authorization')) headers.push(['Authorization', `Bearer ${str(r.oauth2Bearer)}`]);

  let body = '';
  if (r.multipartUploads) {
    const form = new FormData();
    for (const part of r.multipartUploads) {
      const type = part.contentType ? str(part.contentType) : undefined;
      if (part.contentFile !== undefined) {
        const file = str(part.contentFile);
        const name = part.filename !== undefined ? str(part.filename) : file.split('/').pop();
        form.append(str(part.name), new File([placeholder(file)], name, type ? { type } : {}));
        warnings.push(`-F ${str(part.name)}=@${file}: the file's contents are a placeholder (the page cannot read your files)`);
      } else if (type) {
        form.append(str(part.name), new Blob([str(part.content)], { type }));
      } else {
        form.append(str(part.name), str(part.content));
      }
    }
    const encoded = new Response(form);
    body = await encoded.text();
    const type = encoded.headers.get('content-type');
    const i = headers.findIndex(([n]) => n.toLowerCase() === 'content-type');
    if (i < 0) headers.push(['Content-Type', type]);
    else if (!/boundary=/i.test(headers[i][1])) {
      headers[i] = [headers[i][0], `${headers[i][1]}; ${type.slice(type.indexOf('boundary='))}`];
    }
  } else if (r.data !== undefined) {
    body = str(r.data);
    if (r.dataReadsFile) {
      const file = r.dataReadsFile;
      body = body === `@${file}` ? placeholder(file) : body;
      warnings.push(`the body reads the file ${file}: its contents are a placeholder (the page cannot read your files)`);
    }
  }
  if (u.uploadFile) warnings.push(`-T ${str(u.uploadFile)}: the uploaded file is not read`);
  return { request: { method, url: str(u.url), headers, body }, warnings };
}
