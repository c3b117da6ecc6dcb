// Saving a file the API answers (the board's day, the back office's lists):
// fetched with the session's token, saved under the name the server gives in
// Content-Disposition. A refusal throws DownloadError with its HTTP status, so
// the caller can say which; a network failure, with none.
export class DownloadError extends Error {
  constructor(readonly status: number | null) {
    super(status === null ? 'the file could not be fetched' : `the server answered ${status}`);
  }
}

export async function downloadFile(url: string, token: string | null, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new DownloadError(null);
  }
  if (!response.ok) throw new DownloadError(response.status);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click: freed a little later.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
