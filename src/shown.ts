// A value from an untrusted file (a model's spec, a chip profile) as an error
// message shows it: JSON for objects, String() for everything else. String()
// itself throws on an object whose toString is not a function (e.g.
// {"toString": 0}, found by the profile fuzzer), which turned a bad file into
// an unexpected TypeError instead of the error that names the field.
export const shown = (v: unknown): string => (typeof v === 'object' && v !== null ? (JSON.stringify(v) ?? 'an object') : String(v));
