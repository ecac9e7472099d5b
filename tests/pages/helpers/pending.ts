import { tick } from './render';

/**
 * A fake backend call the test answers by hand: each call waits until the test answers or fails
 * it, in whatever order the test chooses (a newer request answered before an older one).
 */
export class PendingCalls<Arg, Answer> {
  private calls: Array<{ arg: Arg; resolve: (answer: Answer) => void; reject: (e: unknown) => void }> = [];

  /** what each call was asked with, in order */
  get asked(): Arg[] {
    return this.calls.map((c) => c.arg);
  }

  call = (arg: Arg): Promise<Answer> => new Promise((resolve, reject) => this.calls.push({ arg, resolve, reject }));

  async answer(index: number, answer: Answer): Promise<void> {
    this.calls[index].resolve(answer);
    await tick();
  }

  /** Fails call `index` as the service layer would, with an error code. */
  async fail(index: number, code = 'NETWORK'): Promise<void> {
    this.calls[index].reject({ code, message: code });
    await tick();
  }
}
