/** A rough strength hint for a passphrase: length and variety, not a rule. */
export type Strength = 'weak' | 'fair' | 'good' | 'strong';

export function passphraseStrength(passphrase: string): Strength {
  const length = [...passphrase].length;
  if (length < 12) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(passphrase)).length;
  const words = passphrase.trim().split(/\s+/).length;
  if (length >= 20 && (words >= 4 || classes >= 3)) return 'strong';
  if (length >= 16 || classes >= 3) return 'good';
  return 'fair';
}
