import * as z from 'zod';
import { MEMBER_ROLES } from './auth.constants.ts';

const noNul = (text: string) => !text.includes('\u0000');

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an email address'))
  .describe('Email address; compared without regard to case');

export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters')
  .refine(noNul, 'must not contain NUL characters')
  .describe('At least 10 characters');

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .refine(noNul, 'must not contain NUL characters');

export const tokenSchema = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a token from a link')
  .describe('The token from the one-time link');

export const signInBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200).describe('The password'),
});

export const setupBodySchema = z.strictObject({
  token: tokenSchema,
  email: emailSchema,
  name: personNameSchema.describe('Your name as others see it'),
  password: passwordSchema,
});

const keepApiTokensSchema = z
  .boolean()
  .default(false)
  .describe('Keep your API tokens working; by default a new password revokes them');

export const passwordLinkBodySchema = z.strictObject({
  token: tokenSchema,
  password: passwordSchema,
  keepApiTokens: keepApiTokensSchema,
});

export const inspectLinkBodySchema = z.strictObject({ token: tokenSchema });

export const inspectLinkResponseSchema = z.object({
  purpose: z.enum(['setup', 'password']),
  email: z.string().nullable().describe('Whose password the link sets; null for the setup link'),
});

export const changePasswordBodySchema = z
  .strictObject({
    currentPassword: z.string().min(1).max(200),
    newPassword: passwordSchema,
    keepApiTokens: keepApiTokensSchema,
  })
  .refine((body) => body.currentPassword !== body.newPassword, {
    message: 'must differ from the current password',
    path: ['newPassword'],
  });

export const sessionResponseSchema = z.object({
  user: z
    .object({ id: z.number().int(), email: z.string(), name: z.string(), isAdmin: z.boolean() })
    .nullable()
    .describe('The signed-in user; null when anonymous'),
  memberships: z.array(
    z.object({ organizationId: z.number().int(), name: z.string(), role: z.enum(MEMBER_ROLES) }),
  ),
  csrfToken: z
    .string()
    .nullable()
    .describe('Send as the X-CSRF-Token header with every write made with the session cookie'),
});

export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createApiTokenBodySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine(noNul, 'must not contain NUL characters')
    .describe('What the token is for'),
});

export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('The token: shown this once, send it as `Authorization: Bearer <token>`'),
});

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  hasPassword: z.boolean().describe('False until the user has chosen a password with their link'),
  version: z.number().int(),
  createdAt: z.string(),
});

export const createUserBodySchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  isAdmin: z.boolean().default(false),
});

export const updateUserBodySchema = z.strictObject({
  version: z.number().int().min(1).describe('The version you read; a stale one answers 409'),
  name: personNameSchema.optional(),
  isAdmin: z.boolean().optional(),
  disabled: z.boolean().optional().describe('A disabled user cannot sign in and loses every session'),
});

export const linkResponseSchema = z.object({
  url: z.string().describe('A one-time link; give it to the user, it is not shown again'),
  expiresAt: z.string(),
});

export const membershipBodySchema = z.strictObject({ role: z.enum(MEMBER_ROLES) });
