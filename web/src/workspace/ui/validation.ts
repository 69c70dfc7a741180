/**
 * The API explains a refused field in English; the forms show the same in the user's language. Each pattern
 * matches a message of the API's schemas (or of Zod itself) and names the text to show instead.
 */
const PATTERNS: [RegExp, string][] = [
  [/is not a real date/, 'realDate'],
  [/must be a date/, 'date'],
  [/must not be before startedOn/, 'beforeStart'],
  [/needs status ended|must be ended while/, 'needsEnded'],
  [/lists a party twice|lists a theme twice|lists an id twice/, 'partyTwice'],
  [/at least two parties/, 'twoParties'],
  [/is not a known|does not exist/, 'unknown'],
  [/must be an email address/, 'email'],
  [/must be at least 10 characters/, 'password'],
  [/must differ from the current password/, 'differs'],
  [/is taken/, 'taken'],
  [/is wrong/, 'wrong'],
  [/http\(s\) URL|Invalid URL/i, 'url'],
  [/must be at most|Too big/, 'tooLong'],
  [/must not be empty|received undefined|Too small/, 'required'],
];

/** The translation key for an API field message: `validation.<key>`, or `validation.invalid` when unknown. */
export function validationKey(message: string): string {
  return `validation.${PATTERNS.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid'}`;
}
