// Which screen the app shows. Locking clears everything the desk showed: its components
// unmount and take their data with them.
export type Screen = 'loading' | 'create' | 'unlock' | 'desk';
export type LockReason = '' | 'manual' | 'idle' | 'restored';

export const session = $state({ screen: 'loading' as Screen, lockReason: '' as LockReason, keptAside: '' });

export function showLocked(reason: LockReason): void {
  session.lockReason = reason;
  session.screen = 'unlock';
}
