/** Hand a file to the device: the browser's download. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the click has started the download; the URL can go once it has been read
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
