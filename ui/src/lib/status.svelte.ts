// The status line of a screen that saves documents: what it last said or why it failed, and
// the one file it saved, which "Open" opens with the desktop's program.
import { asUiError, openSavedDocument, type UiError } from './api';

/** A kept document saved as a file: its PDF, or with `draft` its e-mail draft. */
export type Saved = { id: number; draft: boolean };

export class Status {
  message = $state('');
  error = $state<UiError | null>(null);
  saved = $state<Saved | null>(null);

  /** Runs `work` and shows what it says, or why it failed; `saved` is the one file it saves. */
  async run(work: () => Promise<string>, saved: Saved | null = null) {
    try {
      this.message = await work();
      this.error = null;
      this.saved = saved;
    } catch (e) {
      this.error = asUiError(e);
      this.saved = null;
    }
  }

  /** Opens the file just saved. */
  open = async () => {
    const saved = this.saved;
    if (!saved) return;
    try {
      await openSavedDocument(saved.id, saved.draft, null);
      this.error = null;
    } catch (e) {
      this.error = asUiError(e);
    }
  };
}
