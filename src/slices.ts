/**
 * Heavy work (index builds, imports) written once as steps, run either at once or in bounded
 * slices. Each `yield` marks a point where the work may pause; run in slices, the event loop
 * gets a turn whenever a slice has held it for `SLICE_BUDGET_MS`, so interactions keep being
 * answered while a 50,000-entry index builds.
 */
export type Steps<T = void> = Generator<void, T, void>;

/** How long one slice may hold the event loop; well under the 50 ms an interaction may wait. */
const SLICE_BUDGET_MS = 5;

/** Runs the steps to the end without pausing: for tools, tests and small inputs. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the steps, letting the event loop (timers, sockets) run between slices. */
export async function runInSlices<T>(steps: Steps<T>, budgetMs = SLICE_BUDGET_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= budgetMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
