/**
 * npm run bench:extract-shapes — extraction time for input shapes that used to be super-linear, at
 * 100k, 200k and 300k characters (and 2 MB without spaces), with the ratio to the 100k time: linear
 * growth shows ratios near 2 and 3. Prints the machine's load beside the figures (shared cores are noisy).
 */
import { loadavg } from "node:os";
import { extractClaims } from "@/lib/domain/extraction";

const CLAIM = "Unemployment fell to 3.5 percent last year, the lowest rate in five decades, according to the Labor Department. ";
const SHAPES: Record<string, (n: number) => string> = {
  "one long word": (n) => "a".repeat(n),
  "long word + sentence": (n) => `${"z".repeat(n - CLAIM.length)} ${CLAIM}`,
  "one long sentence": (n) => `${"word and ".repeat(Math.floor(n / 9))}end.`,
  "digits and commas": (n) => "1,".repeat(n / 2),
  "no spaces (punctuated)": (n) => "ab.cd;".repeat(Math.floor(n / 6)),
  "ordinary prose": (n) => CLAIM.repeat(Math.ceil(n / CLAIM.length)).slice(0, n),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(text: string, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    extractClaims(text);
    times.push(performance.now() - t);
  }
  return median(times);
}

extractClaims(CLAIM); // loads the model
const sizes = [100_000, 200_000, 300_000];
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(["shape".padEnd(24), ...sizes.map((s) => `${s / 1000}k ms`.padStart(10)), "  ratio 200k/100k 300k/100k"].join(""));
for (const [name, make] of Object.entries(SHAPES)) {
  // Sizes interleaved run by run, so a burst of load hits all of them alike.
  const texts = sizes.map((n) => make(n));
  const ms = texts.map(() => [] as number[]);
  for (let round = 0; round < 3; round++) texts.forEach((text, i) => ms[i]!.push(time(text, 1)));
  const medians = ms.map(median);
  const base = medians[0]!;
  console.log(
    [name.padEnd(24), ...medians.map((m) => m.toFixed(0).padStart(10)), `  ${(medians[1]! / base).toFixed(2).padStart(6)} ${(medians[2]! / base).toFixed(2).padStart(10)}`].join(""),
  );
}
const twoMb = "x".repeat(2_000_000);
console.log(`2 MB without spaces: ${time(twoMb, 1).toFixed(0)} ms`);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
