// How much of a request the server reads. These are safety caps of this process, not platform rules: the
// platforms' limits (FC 32 MB bodies, 8 KB headers, 4 KB path and query; SCF 6 MB events) are applied by the
// Rust core (`gateway.refusal`) to the event, so a body one byte over the largest limit is enough to be
// answered the way the platform answers it.

/** The largest body any emulated platform accepts (FC: 32 MB), plus one byte to show it was exceeded. */
export const BODY_READ_CAP = 32 * 1024 * 1024 + 1;

/** Header bytes Node accepts before answering 431 itself: well above FC's 8 KB, so the core decides. */
export const MAX_HEADER_SIZE = 64 * 1024;

/**
 * Read a request body up to `cap` bytes; what is over is drained and dropped (the body still answers as too
 * large, since `cap` is over every limit). Resolves to a Buffer.
 */
export function readBody(req, cap = BODY_READ_CAP) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      if (size >= cap) return;
      const take = Math.min(chunk.length, cap - size);
      chunks.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      size += take;
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}
