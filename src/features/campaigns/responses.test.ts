import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeOrganization, makePartnership } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import {
  answer,
  answerAndSubmit,
  type CampaignWorld,
  expectStatus,
  makeCampaign,
  makeCampaignWorld,
  REQUIRED_ANSWERS,
} from './campaigns.test-fixtures.ts';

let t: TestApp;
let world: CampaignWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeCampaignWorld(t.database.db);
});
afterAll(() => t.close());

const responseUrl = (campaignId: number, organizationId: number) =>
  `/api/campaigns/${campaignId}/responses/${organizationId}`;

async function auditActions(entityType: string, entityId: number): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(
    t.database.db,
    sql`select action from audit_events where entity_type = ${entityType} and entity_id = ${entityId} order by id`,
  );
  return rows.map((row) => row.action);
}

describe('who reads a response', () => {
  it("is the member's own people; another member never, the coordinators only once it is submitted", async () => {
    const campaign = await makeCampaign(t, world);
    const espoo = world.orgs.cityOfEspoo.id;
    const { users } = world;
    // Espoo's viewer, who may not answer, opening the response first starts nothing: there is none yet.
    await expectStatus(t.request('GET', responseUrl(campaign.id, espoo), users.espooViewer.headers), 404);
    const statusOfEspoo = async () =>
      (
        await expectStatus(
          t.request('GET', `/api/campaigns/${campaign.id}/responses`, users.espooViewer.headers),
          200,
        )
      ).json().items[0].status;
    expect(await statusOfEspoo()).toBe('not_started');
    // Its editor opening it makes the draft, which the viewer then reads.
    const draft = (
      await expectStatus(t.request('GET', responseUrl(campaign.id, espoo), users.espooEditor.headers), 200)
    ).json();
    expect(draft).toMatchObject({ status: 'draft', canAnswer: true });
    expect(await statusOfEspoo()).toBe('draft');
    expect(
      (
        await expectStatus(t.request('GET', responseUrl(campaign.id, espoo), users.espooViewer.headers), 200)
      ).json(),
    ).toMatchObject({ id: draft.id, status: 'draft', canAnswer: false, canSubmit: false, canApply: false });
    // Not to another member, an outsider, anonymous readers, nor (while a draft) the coordinators.
    for (const headers of [
      users.vantaaEditor.headers,
      users.outsider.headers,
      {},
      users.coordinator.headers,
      users.coordinatorViewer.headers,
    ])
      await expectStatus(t.request('GET', responseUrl(campaign.id, espoo), headers), 404);
    // Nor can another member answer for Espoo, nor a coordinator.
    for (const headers of [users.vantaaEditor.headers, users.coordinator.headers, users.espooViewer.headers])
      await expectStatus(
        t.request('PUT', `${responseUrl(campaign.id, espoo)}/answers/activity_level`, headers, {
          value: 3,
          version: 0,
        }),
        403,
      );
    await expectStatus(
      t.request('PUT', `${responseUrl(campaign.id, espoo)}/answers/activity_level`, users.outsider.headers, {
        value: 3,
        version: 0,
      }),
      404,
    );

    // Nor can an outsider answer for its own organisation, which is no member: the campaign does not exist for it.
    for (const value of [3, 'not a number'])
      await expectStatus(
        t.request(
          'PUT',
          `${responseUrl(campaign.id, world.orgs.outsiderOrg.id)}/answers/activity_level`,
          users.outsider.headers,
          {
            value,
            version: 0,
          },
        ),
        404,
      );

    // The lists: the coordinators see every member; a member only itself.
    const all = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${campaign.id}/responses`, users.coordinator.headers),
        200,
      )
    ).json();
    expect(
      all.items.map((item: { organization: { name: string }; status: string }) => [
        item.organization.name,
        item.status,
      ]),
    ).toEqual([
      ['City of Espoo', 'draft'],
      ['City of Turku', 'not_started'],
      ['City of Vantaa', 'not_started'],
    ]);
    const own = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${campaign.id}/responses`, users.vantaaEditor.headers),
        200,
      )
    ).json();
    expect(own.items.map((item: { organization: { id: number } }) => item.organization.id)).toEqual([
      world.orgs.cityOfVantaa.id,
    ]);

    const submitted = await answerAndSubmit(t, users.espooEditor.headers, campaign.id, espoo);
    expect(submitted.status).toBe('submitted');
    const seen = (
      await expectStatus(
        t.request('GET', responseUrl(campaign.id, espoo), users.coordinatorViewer.headers),
        200,
      )
    ).json();
    expect(seen.answers.activity_level.value).toBe(4);
    expect(seen).toMatchObject({ canAnswer: false, canReopen: false, canApply: false });
    expect(
      (
        await expectStatus(t.request('GET', responseUrl(campaign.id, espoo), users.coordinator.headers), 200)
      ).json().canReopen,
    ).toBe(true);
    await expectStatus(t.request('GET', responseUrl(campaign.id, espoo), users.vantaaEditor.headers), 404);
  });
});

describe('saving answers', () => {
  it('answers 409 with the current answer to a save from an older version, while another answer saves beside it', async () => {
    const campaign = await makeCampaign(t, world);
    const vantaa = world.orgs.cityOfVantaa.id;
    const headers = world.users.vantaaEditor.headers;
    await expectStatus(t.request('GET', responseUrl(campaign.id, vantaa), headers), 200);
    const url = (key: string) => `${responseUrl(campaign.id, vantaa)}/answers/${key}`;
    const first = (
      await expectStatus(
        t.request('PUT', url('dialogue_topics'), headers, { value: 'Export support', version: 0 }),
        200,
      )
    ).json();
    expect(first).toEqual({ questionKey: 'dialogue_topics', value: 'Export support', version: 1 });
    // A colleague saves over version 1…
    await expectStatus(
      t.request('PUT', url('dialogue_topics'), headers, { value: 'Export and education', version: 1 }),
      200,
    );
    // …and a later save from version 1 is refused with what is there now.
    const stale = await expectStatus(
      t.request('PUT', url('dialogue_topics'), headers, { value: 'Lost words', version: 1 }),
      409,
    );
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      current: { questionKey: 'dialogue_topics', value: 'Export and education', version: 2 },
    });
    // A first save of an answer someone else has begun is stale too.
    await expectStatus(
      t.request('PUT', url('dialogue_topics'), headers, { value: 'Also lost', version: 0 }),
      409,
    );
    // Another field saves from its own version meanwhile.
    const other = (
      await expectStatus(t.request('PUT', url('activity_level'), headers, { value: 2, version: 0 }), 200)
    ).json();
    expect(other.version).toBe(1);
    const response = (
      await expectStatus(t.request('GET', responseUrl(campaign.id, vantaa), headers), 200)
    ).json();
    expect(response.answers.dialogue_topics).toMatchObject({ value: 'Export and education', version: 2 });
    expect(response.answers.activity_level).toMatchObject({ value: 2, version: 1 });
    expect(
      (await auditActions('campaign_response', response.id)).filter((action) => action === 'answer'),
    ).toHaveLength(3);
  });

  it('refuses an answer that does not fit its question, and answers to questions the campaign does not ask', async () => {
    const campaign = await makeCampaign(t, world);
    const turku = world.orgs.cityOfTurku.id;
    const headers = world.users.turkuEditor.headers;
    const url = (key: string) => `${responseUrl(campaign.id, turku)}/answers/${key}`;
    const cases: [string, unknown, string][] = [
      ['activity_level', 6, 'body.value'],
      ['activity_level', 2.5, 'body.value'],
      ['cooperation_forms', ['twin_town', 'twin_town'], 'body.value'],
      ['cooperation_forms', ['castles'], 'body.value.0'],
      ['importance_outlook', 'soars', 'body.value'],
      ['has_contact_person', 'yes', 'body.value'],
      ['contacts_last_year', -1, 'body.value'],
      ['planned_projects', [{ name: 'Smart city', budget_eur: 'lots' }], 'body.value.0.budget_eur'],
      ['planned_projects', [{ name: 'Smart city', colour: 'red' }], 'body.value.0'],
      ['planned_projects', [{ starts_on: '2021-02-30' }], 'body.value.0.starts_on'],
      ['dialogue_topics', '', 'body.value'],
    ];
    for (const [key, value, field] of cases) {
      const response = await expectStatus(t.request('PUT', url(key), headers, { value, version: 0 }), 400);
      expect(
        response.json().error.details.map((detail: { field: string }) => detail.field),
        `${key} ${JSON.stringify(value)}`,
      ).toContain(field);
    }
    await expectStatus(t.request('PUT', url('no_such_question'), headers, { value: 1, version: 0 }), 404);
    const response = (
      await expectStatus(t.request('GET', responseUrl(campaign.id, turku), headers), 200)
    ).json();
    expect(Object.keys(response.answers)).toEqual(['ties']);
  });

  it('takes no answers while the campaign is a draft or closed, nor once the response is submitted', async () => {
    const campaign = await makeCampaign(t, world);
    const espoo = world.orgs.cityOfEspoo.id;
    const headers = world.users.espooEditor.headers;
    await answerAndSubmit(t, headers, campaign.id, espoo);
    const url = `${responseUrl(campaign.id, espoo)}/answers/dialogue_topics`;
    const submitted = await expectStatus(
      t.request('PUT', url, headers, { value: 'After the fact', version: 0 }),
      409,
    );
    expect(submitted.json().error.message).toMatch(/submitted/);
    const closed = (
      await expectStatus(
        t.request('POST', `/api/campaigns/${campaign.id}/close`, world.users.coordinator.headers, {
          version: campaign.version,
        }),
        200,
      )
    ).json();
    await expectStatus(
      t.request(
        'PUT',
        `${responseUrl(campaign.id, world.orgs.cityOfVantaa.id)}/answers/dialogue_topics`,
        world.users.vantaaEditor.headers,
        { value: 'Late', version: 0 },
      ),
      409,
    );
    expect(closed.status).toBe('closed');
    const past = await makeCampaign(t, world, { open: false });
    await expectStatus(t.request('GET', responseUrl(past.id, espoo), headers), 404);
  });
});

describe('submitting', () => {
  it('needs the required questions that are shown, lists what is missing, and ignores hidden ones', async () => {
    const campaign = await makeCampaign(t, world);
    const vantaa = world.orgs.cityOfVantaa.id;
    const headers = world.users.vantaaEditor.headers;
    const submit = async () => {
      const { version } = (
        await expectStatus(t.request('GET', responseUrl(campaign.id, vantaa), headers), 200)
      ).json();
      return t.request('POST', `${responseUrl(campaign.id, vantaa)}/submit`, headers, { version });
    };
    await expectStatus(t.request('GET', responseUrl(campaign.id, vantaa), headers), 200);
    const empty = (await expectStatus(submit(), 400)).json().error;
    expect(empty.details.map((detail: { field: string }) => detail.field)).toEqual([
      'answers.cooperation_forms',
      'answers.activity_level',
      'answers.has_contact_person',
      'answers.visit_planned',
      'answers.importance_outlook',
    ]);
    expect(empty.message).toContain('cooperation_forms');
    // A yes shows the follow-up, which is required then.
    const { has_contact_person: _, contact_person_role: __, ...rest } = REQUIRED_ANSWERS;
    await answer(t, headers, campaign.id, vantaa, { ...rest, has_contact_person: true });
    const followUp = (await expectStatus(submit(), 400)).json().error;
    expect(followUp.details).toEqual([{ field: 'answers.contact_person_role', message: 'is required' }]);
    // A required field of a group's row is required in every row.
    await answer(t, headers, campaign.id, vantaa, {
      planned_projects: [{ name: 'Wuhan exchange' }, { theme: 'education' }],
    });
    const rows = (await expectStatus(submit(), 400)).json().error;
    expect(rows.details.map((detail: { field: string }) => detail.field)).toEqual([
      'answers.contact_person_role',
      'answers.planned_projects.1.name',
    ]);
    // A no hides the follow-up again: nothing is missing.
    await answer(t, headers, campaign.id, vantaa, {
      has_contact_person: false,
      planned_projects: [
        { name: 'Wuhan exchange', theme: 'education', starts_on: '2021-03-01', budget_eur: 12000 },
      ],
    });
    const submitted = (await expectStatus(submit(), 200)).json();
    expect(submitted.status).toBe('submitted');
    expect(submitted.submittedAt).not.toBeNull();
    // A stale version of the response is refused.
    await expectStatus(
      t.request('POST', `${responseUrl(campaign.id, vantaa)}/submit`, headers, { version: 1 }),
      409,
    );
    // The coordinators are told.
    const [notice] = await queryRows<{ kind: string; user_id: number }>(
      t.database.db,
      sql`select kind, user_id from notifications where kind = 'campaign_submitted' and (data->>'organizationId')::int = ${vantaa}`,
    );
    expect(notice?.user_id).toBe(world.users.coordinator.user.id);
  });

  it('is undone by a coordinator reopening the response, after which the member may change it again', async () => {
    const campaign = await makeCampaign(t, world);
    const turku = world.orgs.cityOfTurku.id;
    const submitted = await answerAndSubmit(t, world.users.turkuEditor.headers, campaign.id, turku);
    const reopen = (headers: Record<string, string>, version = submitted.version) =>
      t.request('POST', `${responseUrl(campaign.id, turku)}/reopen`, headers, { version });
    await expectStatus(reopen(world.users.turkuEditor.headers), 403);
    await expectStatus(reopen(world.users.coordinator.headers, submitted.version - 1), 409);
    const reopened = (await expectStatus(reopen(world.users.coordinator.headers), 200)).json();
    expect(reopened).toMatchObject({ status: 'draft', submittedAt: null });
    expect(reopened.reopenedAt).not.toBeNull();
    await expectStatus(
      t.request('GET', responseUrl(campaign.id, turku), world.users.coordinator.headers),
      404,
    );
    const again = (
      await expectStatus(
        t.request('GET', responseUrl(campaign.id, turku), world.users.turkuEditor.headers),
        200,
      )
    ).json();
    expect(again.canAnswer).toBe(true);
    await expectStatus(
      t.request(
        'PUT',
        `${responseUrl(campaign.id, turku)}/answers/activity_level`,
        world.users.turkuEditor.headers,
        {
          value: 5,
          version: again.answers.activity_level.version,
        },
      ),
      200,
    );
    expect(await auditActions('campaign_response', submitted.id)).toEqual(
      expect.arrayContaining(['create', 'submit', 'reopen']),
    );
  });
});

describe('pre-filled drafts', () => {
  it("list the member's ties with the campaign's country, through the place it governs", async () => {
    const campaign = await makeCampaign(t, world);
    const espoo = (
      await expectStatus(
        t.request(
          'GET',
          responseUrl(campaign.id, world.orgs.cityOfEspoo.id),
          world.users.espooEditor.headers,
        ),
        200,
      )
    ).json();
    expect(espoo.answers.ties).toMatchObject({ version: 1, prefilled: 'registry' });
    expect(espoo.answers.ties.value).toEqual([
      {
        partnershipId: world.ties.mou.id,
        partnerPlaceId: world.places.beijing.id,
        partnerName: 'Beijing',
        kind: 'mou',
        status: 'dormant',
        startedOn: '2015-04-01',
        endedOn: null,
        confirmed: false,
      },
      {
        partnershipId: world.ties.twinTown.id,
        partnerPlaceId: world.places.shanghai.id,
        partnerName: 'Shanghai',
        kind: 'twin_town',
        status: 'active',
        startedOn: '1998-09-29',
        endedOn: null,
        confirmed: false,
      },
    ]);
    const turku = (
      await expectStatus(
        t.request(
          'GET',
          responseUrl(campaign.id, world.orgs.cityOfTurku.id),
          world.users.turkuEditor.headers,
        ),
        200,
      )
    ).json();
    expect(turku.answers.ties.value).toEqual([]);
  });

  it("start the next round from the member's last answers, and keep the ties it added that the registry lacks", async () => {
    const first = await makeCampaign(t, world);
    const vantaa = world.orgs.cityOfVantaa.id;
    const headers = world.users.vantaaEditor.headers;
    const drafted = (
      await expectStatus(t.request('GET', responseUrl(first.id, vantaa), headers), 200)
    ).json();
    const ties = [
      ...drafted.answers.ties.value,
      {
        partnershipId: null,
        partnerPlaceId: world.places.beijing.id,
        partnerName: 'Beijing',
        kind: 'project',
        status: 'proposed',
        startedOn: null,
        endedOn: null,
        confirmed: true,
      },
    ];
    await answerAndSubmit(t, headers, first.id, vantaa, {
      ...REQUIRED_ANSWERS,
      ties,
      planned_projects: [{ name: 'Airport logistics', budget_eur: 5000 }],
      dialogue_topics: 'Air connections',
    });
    const second = await makeCampaign(t, world, { previousId: first.id });
    const next = (await expectStatus(t.request('GET', responseUrl(second.id, vantaa), headers), 200)).json();
    expect(next.status).toBe('draft');
    for (const [key, value] of Object.entries(REQUIRED_ANSWERS))
      expect(next.answers[key]?.value, key).toEqual(value);
    expect(next.answers.dialogue_topics.value).toBe('Air connections');
    expect(next.answers.planned_projects.value).toEqual([{ name: 'Airport logistics', budget_eur: 5000 }]);
    expect(
      next.answers.ties.value.map(
        (row: { partnershipId: number | null; kind: string; confirmed: boolean }) => [
          row.partnershipId,
          row.kind,
          row.confirmed,
        ],
      ),
    ).toEqual([
      [world.ties.vantaaTie.id, 'friendship_city', false],
      [null, 'project', false],
    ]);
    // Every answer starts at version 1, pre-filled once.
    expect(Object.values(next.answers).every((answer) => (answer as { version: number }).version === 1)).toBe(
      true,
    );
    expect(await auditActions('campaign_response', next.id)).toEqual(['create']);
    // Each says where it came from until the member saves it.
    for (const [key, answer] of Object.entries(next.answers))
      expect((answer as { prefilled: string }).prefilled, key).toBe(key === 'ties' ? 'registry' : 'previous');
    await expectStatus(
      t.request('PUT', `${responseUrl(second.id, vantaa)}/answers/dialogue_topics`, headers, {
        value: 'Air connections',
        version: 1,
      }),
      200,
    );
    const saved = (await expectStatus(t.request('GET', responseUrl(second.id, vantaa), headers), 200)).json();
    expect(saved.answers.dialogue_topics).toMatchObject({ version: 2, prefilled: null });
    expect(saved.answers.planned_projects.prefilled).toBe('previous');
  });
});

describe('applying registry tables to the ties', () => {
  it("is the member's own audited edit of its ties: a coordinator can never apply, nor edit the member's ties", async () => {
    const campaign = await makeCampaign(t, world);
    const espoo = world.orgs.cityOfEspoo.id;
    const headers = world.users.espooEditor.headers;
    const drafted = (
      await expectStatus(t.request('GET', responseUrl(campaign.id, espoo), headers), 200)
    ).json();
    const [beijing, shanghai] = drafted.answers.ties.value;
    const ties = [
      { ...beijing, status: 'ended', endedOn: '2020-06-30' },
      { ...shanghai, confirmed: true },
      {
        partnershipId: null,
        partnerPlaceId: world.places.wuhan.id,
        partnerName: 'Wuhan',
        kind: 'friendship_city',
        status: 'proposed',
        startedOn: '2021-01-01',
        endedOn: null,
        confirmed: true,
      },
    ];
    // A row must name a place in China and one of Espoo's own ties.
    const badRows = await expectStatus(
      t.request('PUT', `${responseUrl(campaign.id, espoo)}/answers/ties`, headers, {
        value: [
          { ...shanghai, partnerPlaceId: world.places.tallinn.id },
          { ...shanghai, partnershipId: world.ties.vantaaTie.id },
        ],
        version: 1,
      }),
      400,
    );
    expect(badRows.json().error.details.map((detail: { field: string }) => detail.field)).toEqual([
      'body.value.0.partnerPlaceId',
      'body.value.0.partnerPlaceId',
      'body.value.1.partnershipId',
    ]);
    const submitted = await answerAndSubmit(t, headers, campaign.id, espoo, { ...REQUIRED_ANSWERS, ties });

    const preview = (
      await expectStatus(
        t.request('GET', `${responseUrl(campaign.id, espoo)}/apply-preview`, world.users.espooViewer.headers),
        200,
      )
    ).json();
    expect(preview.responseVersion).toBe(submitted.version);
    expect(
      preview.changes.map(
        (change: {
          change: string;
          partner: { name: string };
          before: unknown;
          after: unknown;
          problem: unknown;
        }) => [change.change, change.partner.name, change.before, change.after, change.problem],
      ),
    ).toEqual([
      [
        'update',
        'Beijing',
        { status: 'dormant', startedOn: '2015-04-01', endedOn: null },
        { status: 'ended', startedOn: '2015-04-01', endedOn: '2020-06-30' },
        null,
      ],
      [
        'confirm',
        'Shanghai',
        { status: 'active', startedOn: '1998-09-29', endedOn: null },
        { status: 'active', startedOn: '1998-09-29', endedOn: null },
        null,
      ],
      ['create', 'Wuhan', null, { status: 'proposed', startedOn: '2021-01-01', endedOn: null }, null],
    ]);

    const apply = (as: Record<string, string>) =>
      t.request('POST', `${responseUrl(campaign.id, espoo)}/apply`, as, { version: submitted.version });
    for (const as of [
      world.users.coordinator.headers,
      world.users.espooViewer.headers,
      world.users.vantaaEditor.headers,
    ])
      await expectStatus(apply(as), 403);
    await expectStatus(
      t.request('GET', `${responseUrl(campaign.id, espoo)}/apply-preview`, world.users.coordinator.headers),
      403,
    );
    // Nor may a coordinator change the tie itself.
    const tie = (
      await expectStatus(
        t.request('GET', `/api/partnerships/${world.ties.mou.id}`, world.users.coordinator.headers),
        200,
      )
    ).json();
    expect(tie.canEdit).toBe(false);
    await expectStatus(
      t.request('PATCH', `/api/partnerships/${world.ties.mou.id}`, world.users.coordinator.headers, {
        version: tie.version,
        status: 'ended',
        endedOn: '2020-06-30',
      }),
      403,
    );

    const applied = (await expectStatus(apply(headers), 200)).json();
    expect(applied.updated).toEqual([world.ties.mou.id]);
    expect(applied.confirmed).toEqual([world.ties.twinTown.id]);
    expect(applied.created).toHaveLength(1);
    const mou = (
      await expectStatus(t.request('GET', `/api/partnerships/${world.ties.mou.id}`, headers), 200)
    ).json();
    expect(mou).toMatchObject({ status: 'ended', endedOn: '2020-06-30' });
    const twinTown = (
      await expectStatus(t.request('GET', `/api/partnerships/${world.ties.twinTown.id}`, headers), 200)
    ).json();
    expect(
      twinTown.parties.find((party: { placeId: number }) => party.placeId === world.places.espoo.id)
        .confirmedAt,
    ).not.toBeNull();
    const wuhan = (
      await expectStatus(t.request('GET', `/api/partnerships/${applied.created[0]}`, headers), 200)
    ).json();
    expect(wuhan).toMatchObject({ kind: 'friendship_city', status: 'proposed', startedOn: '2021-01-01' });
    // Ordinary audited edits by the member's editor.
    const history = (
      await expectStatus(t.request('GET', `/api/partnerships/${world.ties.mou.id}/history`, headers), 200)
    ).json();
    expect(history.items.at(-1)).toMatchObject({
      action: 'update',
      actor: expect.stringMatching(/^Espoo editor /),
    });
    expect(await auditActions('partnership', world.ties.twinTown.id)).toContain('confirm');
    expect(await auditActions('campaign_response', submitted.id)).toContain('apply');
    // A second apply against the old version is stale; against the new one nothing is left to change.
    await expectStatus(apply(headers), 409);
    const after = (
      await expectStatus(t.request('GET', `${responseUrl(campaign.id, espoo)}/apply-preview`, headers), 200)
    ).json();
    expect(after.appliedAt).not.toBeNull();
    // The row that made the Wuhan tie names it now: nothing is made twice.
    expect(after.changes.map((change: { change: string; problem: string | null }) => change.change)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(after.changes[2]).toMatchObject({ partnershipId: applied.created[0], problem: null });
  });
});

describe('applying, again and with care', () => {
  const newRow = (partnerPlaceId: number, partnerName: string) => ({
    partnershipId: null,
    partnerPlaceId,
    partnerName,
    kind: 'friendship_city',
    status: 'proposed',
    startedOn: null,
    endedOn: null,
    confirmed: true,
  });

  it('makes a tie once: the row that made it names it after, and the tie is internal unless published is asked for', async () => {
    const campaign = await makeCampaign(t, world);
    const turku = world.orgs.cityOfTurku.id;
    const headers = world.users.turkuEditor.headers;
    const submitted = await answerAndSubmit(t, headers, campaign.id, turku, {
      ...REQUIRED_ANSWERS,
      ties: [newRow(world.places.beijing.id, 'Beijing')],
    });
    const preview = (
      await expectStatus(t.request('GET', `${responseUrl(campaign.id, turku)}/apply-preview`, headers), 200)
    ).json();
    expect(
      preview.changes.map((change: { change: string; visibility: string }) => [
        change.change,
        change.visibility,
      ]),
    ).toEqual([['create', 'internal']]);
    const applied = (
      await expectStatus(
        t.request('POST', `${responseUrl(campaign.id, turku)}/apply`, headers, {
          version: submitted.version,
        }),
        200,
      )
    ).json();
    expect(applied.created).toHaveLength(1);
    const tie = (
      await expectStatus(t.request('GET', `/api/partnerships/${applied.created[0]}`, headers), 200)
    ).json();
    expect(tie.visibility).toBe('internal');
    const again = (
      await expectStatus(t.request('GET', `${responseUrl(campaign.id, turku)}/apply-preview`, headers), 200)
    ).json();
    expect(
      again.changes.map((change: { change: string; partnershipId: number }) => [
        change.change,
        change.partnershipId,
      ]),
    ).toEqual([['unchanged', applied.created[0]]]);
    const twice = (
      await expectStatus(
        t.request('POST', `${responseUrl(campaign.id, turku)}/apply`, headers, {
          version: again.responseVersion,
        }),
        200,
      )
    ).json();
    expect(twice.created).toEqual([]);
    const [count] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from partnership_parties own join partnership_parties other
          on other.partnership_id = own.partnership_id and other.place_id = ${world.places.beijing.id}
          where own.place_id = ${world.places.turku.id}`,
    );
    expect(count?.n).toBe(1);

    // Published when the member asks for it.
    const vantaa = world.orgs.cityOfVantaa.id;
    const next = await makeCampaign(t, world);
    const vantaaSubmitted = await answerAndSubmit(t, world.users.vantaaEditor.headers, next.id, vantaa, {
      ...REQUIRED_ANSWERS,
      ties: [newRow(world.places.shanghai.id, 'Shanghai')],
    });
    const published = (
      await expectStatus(
        t.request('POST', `${responseUrl(next.id, vantaa)}/apply`, world.users.vantaaEditor.headers, {
          version: vantaaSubmitted.version,
          visibility: 'published',
        }),
        200,
      )
    ).json();
    const shown = (
      await expectStatus(t.request('GET', `/api/partnerships/${published.created[0]}`, {}), 200)
    ).json();
    expect(shown.visibility).toBe('published');
  });

  it('flags in the preview a change of kind the registry would refuse, and applies the rest', async () => {
    const membership = await makePartnership(t.database.db, [world.places.turku.id, world.places.wuhan.id], {
      kind: 'network_membership',
      status: 'active',
      networkId: world.networks.china.id,
    });
    const campaign = await makeCampaign(t, world);
    const turku = world.orgs.cityOfTurku.id;
    const headers = world.users.turkuEditor.headers;
    const drafted = (
      await expectStatus(t.request('GET', responseUrl(campaign.id, turku), headers), 200)
    ).json();
    const rows = drafted.answers.ties.value.map((row: { partnershipId: number }) =>
      row.partnershipId === membership.id ? { ...row, kind: 'mou' } : row,
    );
    const submitted = await answerAndSubmit(t, headers, campaign.id, turku, {
      ...REQUIRED_ANSWERS,
      ties: rows,
    });
    const preview = (
      await expectStatus(t.request('GET', `${responseUrl(campaign.id, turku)}/apply-preview`, headers), 200)
    ).json();
    const flagged = preview.changes.find(
      (change: { partnershipId: number }) => change.partnershipId === membership.id,
    );
    expect(flagged.problem).toEqual({
      code: 'network_membership_kind',
      message: expect.stringMatching(/network membership/),
    });
    const applied = await expectStatus(
      t.request('POST', `${responseUrl(campaign.id, turku)}/apply`, headers, { version: submitted.version }),
      200,
    );
    expect(applied.json().updated).not.toContain(membership.id);
  });

  it('names the field of text with a NUL character or half a surrogate pair', async () => {
    const campaign = await makeCampaign(t, world);
    const turku = world.orgs.cityOfTurku.id;
    const headers = world.users.turkuEditor.headers;
    const url = (key: string) => `${responseUrl(campaign.id, turku)}/answers/${key}`;
    const cases: [string, unknown, string][] = [
      ['contact_person_role', 'Coordinator \uD800', 'body.value'],
      ['ties', [newRow(world.places.beijing.id, 'Bei\u0000jing')], 'body.value.0.partnerName'],
    ];
    for (const [key, value, field] of cases) {
      const response = await expectStatus(t.request('PUT', url(key), headers, { value, version: 0 }), 400);
      expect(
        response.json().error.details.map((detail: { field: string }) => detail.field),
        key,
      ).toContain(field);
    }
  });

  it('goes with its network: a campaign of a deleted network is not found, nor listed', async () => {
    const campaign = await makeCampaign(t, world);
    const turku = world.orgs.cityOfTurku.id;
    const headers = world.users.turkuEditor.headers;
    await expectStatus(t.request('GET', responseUrl(campaign.id, turku), headers), 200);
    await t.database.db.execute(
      sql`update networks set deleted_at = now() where id = ${world.networks.china.id}`,
    );
    try {
      await expectStatus(t.request('GET', responseUrl(campaign.id, turku), headers), 404);
      await expectStatus(
        t.request('GET', `/api/campaigns/${campaign.id}/results`, world.users.coordinator.headers),
        404,
      );
      const listed = (
        await expectStatus(t.request('GET', '/api/campaigns', world.users.coordinator.headers), 200)
      ).json();
      expect(listed.items.map((item: { id: number }) => item.id)).not.toContain(campaign.id);
    } finally {
      await t.database.db.execute(
        sql`update networks set deleted_at = null where id = ${world.networks.china.id}`,
      );
    }
  });
});

describe('responses of an organisation merged into another', () => {
  it('are left out of the lists and results, start no draft, and come back with the undo unless answered since', async () => {
    const db = t.database.db;
    const { users, orgs, places } = world;
    const espoo = orgs.cityOfEspoo.id;
    // A second record of Espoo's government: a member of the group too, through Espoo.
    const duplicate = await makeOrganization(db, { name: 'Espoon kaupunki', placeId: places.espoo.id });
    const both = await makeCampaign(t, world);
    const onlyDuplicate = await makeCampaign(t, world);
    await answerAndSubmit(t, users.espooEditor.headers, both.id, espoo);
    const respond = (campaignId: number, status: string) =>
      queryRows<{ id: number }>(
        db,
        sql`insert into campaign_responses (campaign_id, organization_id, status, submitted_at)
            values (${campaignId}, ${duplicate.id}, ${status}, ${status === 'submitted' ? sql`now()` : null})
            returning id`,
      ).then(([row]) => row!.id);
    await respond(both.id, 'submitted');
    const moved = await respond(onlyDuplicate.id, 'draft');
    const names = async (campaignId: number) =>
      (
        await expectStatus(
          t.request('GET', `/api/campaigns/${campaignId}/responses`, users.coordinator.headers),
          200,
        )
      )
        .json()
        .items.map((item: { organization: { name: string } }) => item.organization.name);
    expect(await names(both.id)).toContain('Espoon kaupunki');

    const merged = (
      await expectStatus(
        t.request('POST', `/api/organizations/${duplicate.id}/merge`, users.admin.headers, { intoId: espoo }),
        201,
      )
    ).json();
    expect(merged.moved.campaignResponses).toBe(1);
    // Where Espoo had answered, the duplicate's response stays aside: counted once, listed once.
    expect(await names(both.id)).not.toContain('Espoon kaupunki');
    const results = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${both.id}/results`, users.coordinator.headers),
        200,
      )
    ).json();
    expect(results).toMatchObject({ members: 3, submitted: 1 });
    expect(results.rows.map((row: { organization: { id: number } }) => row.organization.id)).toEqual([espoo]);
    const progress = (await expectStatus(t.request('GET', '/api/campaigns', users.coordinator.headers), 200))
      .json()
      .items.find((item: { id: number }) => item.id === both.id).progress;
    expect(progress).toEqual({ members: 3, submitted: 1 });
    // An administrator reading the duplicate's response starts none.
    await expectStatus(
      t.request('GET', responseUrl(onlyDuplicate.id, duplicate.id), users.admin.headers),
      404,
    );

    // An answered response of the duplicate since the merge stops the undo; one nobody answered in gives way.
    const since = await respond(onlyDuplicate.id, 'draft');
    await db.execute(
      sql`insert into campaign_answers (response_id, question_key, value) values (${since}, 'dialogue_topics', '"Trade"')`,
    );
    const refused = await t.request('POST', `/api/merges/${merged.id}/undo`, users.admin.headers);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain(String(onlyDuplicate.id));
    await db.execute(sql`update campaign_answers set prefilled = 'previous' where response_id = ${since}`);
    await expectStatus(t.request('POST', `/api/merges/${merged.id}/undo`, users.admin.headers), 200);
    const owners = await queryRows<{ id: number; organizationId: number }>(
      db,
      sql`select id, organization_id as "organizationId" from campaign_responses
          where campaign_id = ${onlyDuplicate.id} order by id`,
    );
    expect(owners).toEqual([{ id: moved, organizationId: duplicate.id }]);
  });
});
