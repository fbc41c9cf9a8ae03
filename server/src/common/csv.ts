/** A spreadsheet runs a cell that starts like a formula: quote it so it stays text. */
export function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 CSV of text cells, for spreadsheets: UTF-8 with a BOM, CRLF line ends, every cell
 * formula-safe and quoted where it must be.
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => {
    const text = formulaSafe(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header.map(cell).join(','), ...rows.map((row) => row.map(cell).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
