let next = 0;

/** A unique element id, so every label points at its own input. */
export function uid(prefix: string): string {
  next += 1;
  return `${prefix}-${next}`;
}
