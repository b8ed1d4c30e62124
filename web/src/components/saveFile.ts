import type { DownloadedFile } from "../api";

/**
 * Hands a downloaded file to the browser's save mechanism under its server-given name. The bearer token never
 * travels in a URL: the file is fetched by the API client and saved from a blob.
 */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can abort the download in some browsers; a minute later it has long been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
