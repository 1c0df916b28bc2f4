/**
 * Reading CLEF CheckThat! check-worthiness transcripts:
 * `line_number<TAB>speaker<TAB>text[<TAB>label]`, one sentence a line.
 */

export interface TranscriptLine {
  lineNumber: string;
  speaker: string;
  text: string;
  /** 1 = check-worthy, 0 = not, null when the file has no label column. */
  label: 0 | 1 | null;
}

export class TranscriptFormatError extends Error {}

export function parseTranscript(content: string): TranscriptLine[] {
  const out: TranscriptLine[] = [];
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (raw.trim() === "") continue;
    const cols = raw.split("\t");
    if (cols.length < 3) {
      throw new TranscriptFormatError(`line ${i + 1}: expected 3 or 4 tab-separated columns, found ${cols.length}`);
    }
    let label: 0 | 1 | null = null;
    let textCols = cols.slice(2);
    if (cols.length >= 4) {
      const last = (cols[cols.length - 1] ?? "").trim();
      if (last === "0" || last === "1") {
        label = last === "1" ? 1 : 0;
        textCols = cols.slice(2, -1);
      }
    }
    out.push({
      lineNumber: (cols[0] ?? "").trim(),
      speaker: (cols[1] ?? "").trim(),
      text: textCols.join(" ").trim(),
      label,
    });
  }
  return out;
}
