/**
 * A browser-side copy of an API `as const` list (the UI needs the values, and the bundle must not
 * import the server's module for them), which compiles only when it names exactly the members of
 * the API's union: `allOf<Role>()(['patient', 'doctor', 'admin'])`.
 */
export const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L =>
    list;
