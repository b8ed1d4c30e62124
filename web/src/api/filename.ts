/**
 * The file name a Content-Disposition header gives (RFC 6266): `filename*=UTF-8''…` wins over `filename="…"`.
 * Path separators are dropped so a name can never point outside the download folder.
 */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  let name: string | undefined;
  if (extended?.[2]) {
    try {
      name = decodeURIComponent(extended[2].trim());
    } catch {
      name = undefined;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
    name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2];
  }
  const safe = name?.replace(/[/\\]/g, "_").trim();
  return safe ? safe : fallback;
}
