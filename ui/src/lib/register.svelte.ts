// What every register screen does with its rows: load them when the screen opens (showing
// the lock screen when the vault locked meanwhile) and show them a hundred at a time.
import { onMount } from 'svelte';
import { asUiError, type UiError } from './api';
import { showLocked } from './session.svelte';

export const REGISTER_PAGE = 100;

export class RegisterView<T> {
  rows = $state<T[] | null>(null);
  offset = $state(0);
  error = $state<UiError | null>(null);
  shown = $derived(this.rows?.slice(this.offset, this.offset + REGISTER_PAGE) ?? []);

  /** Call while the screen is set up: `load` runs when it mounts. */
  constructor(load: () => Promise<T[]>) {
    onMount(async () => {
      try {
        this.rows = await load();
      } catch (e) {
        this.error = asUiError(e);
        if (this.error.code === 'locked') showLocked('idle');
      }
    });
  }
}
