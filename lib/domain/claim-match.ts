/** A claim of another article that says the same thing (same cluster), as pages show it. */
export interface ClaimMatch {
  id: string;
  text: string;
  status: string;
  confirmed: boolean;
  articleTitle: string;
  outlet: string;
}
