// The only place that calls invoke(): one typed function per command.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { AppError } from './bindings/AppError';
import type { Customer } from './bindings/Customer';
import type { CustomerInput } from './bindings/CustomerInput';
import type { CustomerQuery } from './bindings/CustomerQuery';
import type { CustomerSummary } from './bindings/CustomerSummary';
import type { Language } from './bindings/Language';
import type { NewVault } from './bindings/NewVault';
import type { Settings } from './bindings/Settings';
import type { VaultStatus } from './bindings/VaultStatus';

/** An error from the core, or `unexpected` when the call itself failed (wrong arguments). */
export type UiError = AppError | { code: 'unexpected' };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error) {
      throw error as AppError;
    }
    throw { code: 'unexpected' } satisfies UiError;
  }
}

/** Turns anything thrown by an api call into a UiError. */
export function asUiError(error: unknown): UiError {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return error as UiError;
  }
  return { code: 'unexpected' };
}

export const vaultStatus = () => call<VaultStatus>('vault_status');
export const createVault = (input: NewVault) => call<null>('create_vault', { input });
export const unlockVault = (passphrase: string) => call<null>('unlock_vault', { passphrase });
export const lockVault = () => call<null>('lock_vault');
export const changePassphrase = (current: string, next: string, confirm: string) =>
  call<null>('change_passphrase', { current, new: next, confirm });
export const recordActivity = () => call<null>('record_activity');
export const setInterfaceLanguage = (language: Language) =>
  call<null>('set_interface_language', { language });

export const getSettings = () => call<Settings>('get_settings');
export const updateSettings = (settings: Settings) => call<Settings>('update_settings', { settings });

export const listCustomers = (query: CustomerQuery) =>
  call<CustomerSummary[]>('list_customers', { query });
export const getCustomer = (id: number) => call<Customer>('get_customer', { id });
export const createCustomer = (input: CustomerInput) => call<Customer>('create_customer', { input });
export const updateCustomer = (id: number, input: CustomerInput) =>
  call<Customer>('update_customer', { id, input });
export const setCustomerArchived = (id: number, archived: boolean) =>
  call<Customer>('set_customer_archived', { id, archived });
export const loadDemoData = () => call<number>('load_demo_data');

/** Calls `handler` when the vault locked itself after idle time. */
export const onVaultLocked = (handler: () => void): Promise<UnlistenFn> =>
  listen('vault-locked', handler);
