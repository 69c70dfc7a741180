import type { Command } from 'commander';
import { eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { organizations } from '../db/schema.ts';
import { MEMBER_ROLES } from '../features/auth/auth.constants.ts';
import { issuePasswordLink } from '../features/auth/auth.links.service.ts';
import { findUserByEmail, listUsers } from '../features/auth/auth.repo.ts';
import { emailSchema, personNameSchema } from '../features/auth/auth.schema.ts';
import { addUser, grantMembership, updateUserAccount } from '../features/auth/auth.users.service.ts';
import { withDatabase } from './database.ts';
import { parseInput, UsageError } from './usage-error.ts';

async function requireUser(db: DbOrTx, email: string) {
  const user = await findUserByEmail(db, parseInput(emailSchema, email, 'email'));
  if (!user) throw new UsageError(`No user with the email address ${email}`);
  return user;
}

/** An organisation by id or by its exact name. */
async function requireOrganization(db: DbOrTx, idOrName: string) {
  const condition = /^[1-9][0-9]{0,9}$/.test(idOrName)
    ? eq(organizations.id, Number(idOrName))
    : sql`lower(${organizations.name}) = lower(${idOrName})`;
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(condition);
  if (rows.length === 0) throw new UsageError(`No organisation ${idOrName}`);
  if (rows.length > 1) throw new UsageError(`Several organisations are called ${idOrName}; give its id`);
  return rows[0]!;
}

function printLink(what: string, link: { url: string; expiresAt: Date }) {
  process.stdout.write(
    `${what}\n\n  ${link.url}\n\nThe link works once, until ${link.expiresAt.toISOString()}.\n`,
  );
}

export function registerUser(program: Command): void {
  const user = program
    .command('user')
    .description('Manage users: add, list, disable, enable, reset passwords');

  user
    .command('add')
    .description('Add a user and print a one-time link with which they choose a password')
    .argument('<email>', 'email address')
    .requiredOption('-n, --name <name>', 'the name others see')
    .option('--admin', 'make the user an administrator')
    .option('--org <organisation>', 'an organisation (id or exact name) to give the user a role in')
    .option('--role <role>', `the role in --org: ${MEMBER_ROLES.join(' or ')}`, 'editor')
    .action(async (email: string, options: { name: string; admin?: boolean; org?: string; role: string }) => {
      const input = {
        email: parseInput(emailSchema, email, 'email'),
        name: parseInput(personNameSchema, options.name, 'name'),
        isAdmin: !!options.admin,
      };
      const role = parseInput(z.enum(MEMBER_ROLES), options.role, 'role');
      await withDatabase(async (database, config) => {
        const organization = options.org ? await requireOrganization(database.db, options.org) : undefined;
        if (await findUserByEmail(database.db, input.email)) {
          throw new UsageError(`A user with the email address ${input.email} exists`);
        }
        const { user: created, link } = await addUser(database.db, null, input, config.publicUrl);
        if (organization) {
          await grantMembership(database.db, null, {
            userId: created.id,
            organizationId: organization.id,
            role,
          });
        }
        const where = organization ? `, ${role} of ${organization.name}` : '';
        printLink(
          `Added ${created.name} <${created.email}>${input.isAdmin ? ', administrator' : ''}${where}. Give them this link to choose a password:`,
          link,
        );
      });
    });

  user
    .command('list')
    .description('List users')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (database) => {
        const rows = await listUsers(database.db);
        if (options.json) {
          const items = rows.map(({ passwordHash, ...row }) => ({
            ...row,
            hasPassword: passwordHash !== null,
          }));
          process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('No users yet.\n');
          return;
        }
        for (const row of rows) {
          const flags = [
            row.isAdmin ? 'administrator' : '',
            row.disabledAt ? 'disabled' : '',
            row.passwordHash ? '' : 'no password yet',
          ].filter(Boolean);
          process.stdout.write(
            `${String(row.id).padStart(4)}  ${row.email.padEnd(40)} ${row.name}${flags.length ? `  (${flags.join(', ')})` : ''}\n`,
          );
        }
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled ? 'Disable a user: they cannot sign in and lose every session' : 'Enable a disabled user',
      )
      .argument('<email>', 'email address')
      .action(async (email: string) => {
        await withDatabase(async (database) => {
          const row = await requireUser(database.db, email);
          await updateUserAccount(database.db, null, row.id, { disabled });
          process.stdout.write(`${disabled ? 'Disabled' : 'Enabled'} ${row.email}.\n`);
        });
      });
  }

  user
    .command('reset-password')
    .description('Print a one-time link with which the user chooses a new password')
    .argument('<email>', 'email address')
    .action(async (email: string) => {
      await withDatabase(async (database, config) => {
        const row = await requireUser(database.db, email);
        const link = await issuePasswordLink(database.db, null, row.id, config.publicUrl);
        printLink(`Give ${row.email} this link to choose a new password:`, link);
      });
    });

  user
    .command('grant')
    .description('Give a user a role in an organisation')
    .argument('<email>', 'email address')
    .requiredOption('--org <organisation>', 'organisation id or exact name')
    .option('--role <role>', `${MEMBER_ROLES.join(' or ')}`, 'editor')
    .action(async (email: string, options: { org: string; role: string }) => {
      const role = parseInput(z.enum(MEMBER_ROLES), options.role, 'role');
      await withDatabase(async (database) => {
        const row = await requireUser(database.db, email);
        const organization = await requireOrganization(database.db, options.org);
        await grantMembership(database.db, null, { userId: row.id, organizationId: organization.id, role });
        process.stdout.write(`${row.email} is now ${role} of ${organization.name}.\n`);
      });
    });
}
