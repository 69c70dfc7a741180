import type * as z from 'zod';

/** A mistake in how a command was called: printed as its message alone, exit code 1. */
export class UsageError extends Error {}

/** Parses a command's input with a schema, turning problems into one readable UsageError. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new UsageError(`Invalid ${what}: ${problems.join('; ')}`);
}
