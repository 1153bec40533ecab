/** The value when it is one of `allowed` (a choice step's answer), else undefined: no cast needed. */
export function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((a) => a === value);
}
