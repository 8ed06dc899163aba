/**
 * SerialTask — runs an async task one at a time, coalescing requests.
 *
 * The registry follower gets catch-up requests from NOTIFYs, reconnects and a timer, often
 * several at once. Running catch-ups concurrently could apply a version twice or out of order,
 * so they run one after another, and every request that arrives while one runs is served by a
 * single follow-up run (which starts after it and so sees everything the request wanted).
 *
 * In: the task. Out: `request()` — a promise for the run that serves this request (it rejects
 * with that run's error); `idle()` — resolves when nothing runs or waits.
 */
export interface SerialTask {
  request(): Promise<void>;
  idle(): Promise<void>;
}

const noop = (): void => {};

export function serialTask(task: () => Promise<void>): SerialTask {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const start = (): Promise<void> => {
    const run: Promise<void> = task().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };

  return {
    request() {
      if (queued) return queued;
      if (!running) return start();
      const next = running.then(noop, noop).then(() => {
        queued = undefined;
        return start();
      });
      queued = next;
      return next;
    },
    idle() {
      return (queued ?? running ?? Promise.resolve()).then(noop, noop);
    },
  };
}
