/**
 * Personal API tokens: made in a signed-in session, shown once, kept only as a hash, and resolved from the
 * `Authorization: Bearer` header.
 */
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from './actor.ts';
import { hashToken, randomToken } from './auth.crypto.ts';
import * as repo from './auth.repo.ts';

const API_TOKEN_PREFIX = 'cbt_';
/** How often a token's last use is recorded (at most one write per token per hour). */
const API_TOKEN_TOUCH_MS = 60 * 60 * 1000;

/** Resolves a bearer API token to its user. */
export async function resolveApiToken(db: DbOrTx, token: string) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const row = await repo.findLiveApiToken(db, hashToken(token));
  if (!row) return undefined;
  const now = new Date();
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > API_TOKEN_TOUCH_MS) {
    await repo.touchApiToken(db, row.token.id, now);
  }
  return row.user;
}

/** Creates a personal API token; the token itself is answered once and never stored. */
export async function createApiToken(db: DbOrTx, actor: Actor, name: string) {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const row = await db.transaction(async (tx) => {
    const inserted = await repo.insertApiToken(tx, {
      userId: actor.id,
      name,
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: hashToken(token),
    });
    await recordAudit(tx, actor, {
      action: 'create_token',
      entityType: 'user',
      entityId: actor.id,
      after: { tokenId: inserted.id, name },
    });
    return inserted;
  });
  return { token, row };
}

export async function revokeToken(db: DbOrTx, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const row = await repo.revokeApiToken(tx, actor.id, id, new Date());
    if (!row) throw new AppError('TOKEN_NOT_FOUND', `No live API token ${id}`);
    await recordAudit(tx, actor, {
      action: 'revoke_token',
      entityType: 'user',
      entityId: actor.id,
      before: { tokenId: id, name: row.name },
    });
  });
}
