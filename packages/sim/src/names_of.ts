/** The tuple of the `name`s of a catalogue's `as const` tuple of entries, in order. */
export type NamesOf<T extends readonly { name: string }[]> = { readonly [K in keyof T]: T[K]['name'] };
