/** Test helpers for CSV exports (the verdict report, the story comparison). */

/** A strict RFC 4180 reader: CRLF between records, fields quoted when they hold , " CR or LF. */
export function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (csv[i] === '"') {
      i++;
      for (;;) {
        if (i >= csv.length) throw new Error("unterminated quoted field");
        if (csv[i] === '"') {
          if (csv[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += csv[i++];
      }
    } else {
      while (i < csv.length && csv[i] !== "," && csv[i] !== "\r" && csv[i] !== "\n") {
        if (csv[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        field += csv[i++];
      }
    }
    record.push(field);
    if (csv[i] === ",") {
      i++;
      continue;
    }
    if (csv.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
      if (i === csv.length) return records;
      continue;
    }
    throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(csv.slice(i, i + 5))}`);
  }
}
