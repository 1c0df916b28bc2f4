// Minimal type declarations for the parts of js-quantities used here
// (the package ships no TypeScript types).
declare module "js-quantities" {
  interface Qty {
    readonly scalar: number;
    units(): string;
    kind(): string;
    to(unit: string): Qty;
    toPrec(precision: number | string): Qty;
    isCompatible(other: string | Qty): boolean;
    toString(): string;
  }
  interface QtyStatic {
    (value: string): Qty;
    (value: number, unit: string): Qty;
    parse(value: string): Qty | null;
    getKinds(): string[];
    getUnits(kind?: string): string[];
    getAliases(unit: string): string[];
  }
  const Qty: QtyStatic;
  export default Qty;
}
