import { todayKey } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { lastActivityOfTies, recentActivityOf } from '../activities/activities.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { findOrganizationRow } from '../organizations/organizations.service.ts';
import { PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';
import { computeTieDates } from '../partnerships/partnerships.dates.ts';
import { findOrganizationTies } from './workspace.repo.ts';

/** Ties with no logged activity for this long count as quiet. */
const QUIET_DAYS = 2 * 365;
/** Anniversaries and renewals this close come up on the dashboard. */
const UPCOMING_DAYS = 180;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An organisation's dashboard: its ties by status, what is coming up, what has gone quiet, and recent activity. */
export async function organizationDashboard(
  db: DbOrTx,
  actor: Actor | null,
  organizationId: number,
  today = todayKey(),
) {
  const organization = await findOrganizationRow(db, organizationId);
  if (!organization || organization.deletedAt) {
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${organizationId}`);
  }
  authorize(actor, policy.readInternal(actor, { organizationIds: [organizationId] }));
  const ties = await findOrganizationTies(db, organizationId);
  // Only the logs the reader may read: another organisation's log, even about this one, is not theirs.
  const readableLogs = policy.readableLogs(actor);
  const last = new Map(
    (
      await lastActivityOfTies(
        db,
        ties.map((tie) => tie.id),
        readableLogs,
      )
    ).map((row) => [row.partnershipId, row.last]),
  );
  const horizon = addDays(today, UPCOMING_DAYS);
  const quietSince = addDays(today, -QUIET_DAYS);
  const summary = (tie: (typeof ties)[number]) => ({
    id: tie.id,
    kind: tie.kind,
    status: tie.status,
    partners: tie.partners,
    visibility: tie.visibility,
  });

  const byStatus = Object.fromEntries(PARTNERSHIP_STATUSES.map((status) => [status, 0])) as Record<
    string,
    number
  >;
  const anniversaries = [];
  const renewals = [];
  const quiet = [];
  for (const tie of ties) {
    byStatus[tie.status] = (byStatus[tie.status] ?? 0) + 1;
    if (tie.status === 'ended') continue;
    const dates = computeTieDates(tie, today);
    if (dates.nextAnniversary && dates.nextAnniversary <= horizon) {
      anniversaries.push({
        ...summary(tie),
        date: dates.nextAnniversary,
        years: dates.nextAnniversaryYears!,
      });
    }
    if (tie.renewalOn && tie.renewalOn <= horizon) {
      renewals.push({ ...summary(tie), date: tie.renewalOn, daysLeft: dates.daysToRenewal! });
    }
    const lastActivity = last.get(tie.id) ?? null;
    if (!lastActivity || lastActivity < quietSince) quiet.push({ ...summary(tie), lastActivity });
  }
  anniversaries.sort((a, b) => a.date.localeCompare(b.date));
  renewals.sort((a, b) => a.date.localeCompare(b.date));
  const recent = await recentActivityOf(db, organizationId, readableLogs);
  return {
    organization: { id: organization.id, name: organization.name, kind: organization.kind },
    today,
    ties: ties.map((tie) => ({
      ...summary(tie),
      startedOn: tie.startedOn,
      lastActivity: last.get(tie.id) ?? null,
    })),
    byStatus,
    anniversaries,
    renewals,
    quiet,
    recentActivity: recent.map((row) => ({
      id: row.id,
      kind: row.kind,
      occurredOn: row.occurredOn,
      title: row.title,
    })),
  };
}
