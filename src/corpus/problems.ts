/** A problem found in a corpus file, located well enough for a person to fix it. */
export interface CorpusProblem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(problem: CorpusProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
