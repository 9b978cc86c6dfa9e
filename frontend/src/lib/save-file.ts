// Saves what the API sent (a blob fetched with the signed-in person's token, which a plain link
// could not carry) as a download under the given name.
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Later, so the browser has started the download before the address goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
