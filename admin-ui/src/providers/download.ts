// Saving a file the API answered with; no React, so tests load it without the UI.

/** Characters a file name must not contain on Windows, macOS or Linux, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE_FILENAME = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

const safeName = (name: string): string => name.replace(UNSAFE_FILENAME, '_').trim();

/**
 * The file name a `Content-Disposition` header suggests: the RFC 5987 `filename*` (UTF-8,
 * percent-encoded) when there is one, else `filename`, quoted or not. Path separators and
 * other characters a file system refuses become `_`. `fallback` when there is no usable name.
 */
export const filenameFromContentDisposition = (header: string | null | undefined, fallback: string): string => {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:"?)([^']*)'[^']*'([^;"\s]+)/i.exec(header);
  if (extended) {
    const [, charset, encoded] = extended;
    if (!charset || /^utf-8$/i.test(charset)) {
      try {
        const name = safeName(decodeURIComponent(encoded!));
        if (name) return name;
      } catch {
        // A malformed escape: fall through to the plain filename.
      }
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  const plain = /(?:^|;)\s*filename\s*=\s*([^;"\s]+)/i.exec(header);
  const raw = quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : plain?.[1];
  const name = raw === undefined ? '' : safeName(raw);
  return name || fallback;
};

/** Hands a Blob to the browser as a download named `filename`. */
export const saveBlob = (blob: Blob, filename: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a moment later: some browsers read the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
