import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { networks } from '../networks/networks.tables.ts';
import {
  answerAndSubmit,
  type CampaignWorld,
  expectStatus,
  makeCampaign,
  makeCampaignWorld,
} from './campaigns.test-fixtures.ts';

let t: TestApp;
let world: CampaignWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeCampaignWorld(t.database.db);
});
afterAll(() => t.close());

const text = (value: string) => ({ fi: `${value} (fi)`, sv: `${value} (sv)`, en: value });

describe('the template', () => {
  it('names the country in Finnish, Swedish and English and asks every kind of question the survey needs', async () => {
    const response = await expectStatus(t.request('GET', '/api/campaigns/templates?countryCode=cn'), 200);
    const [template] = response.json().items;
    expect(template.countryCode).toBe('CN');
    expect(template.title.en).toBe(
      'State of cooperation with China: current state, near-term plans, upcoming needs',
    );
    expect(template.title.sv).toContain('Kina');
    expect(template.title.fi).toContain('Kiina');
    const questions = template.definition.sections.flatMap(
      (section: { questions: unknown[] }) => section.questions,
    );
    const ties = questions.find((question: { key: string }) => question.key === 'ties');
    expect(ties.type).toBe('registry_table');
    expect(ties.label).toEqual({
      fi: 'Yhteistyösuhteenne – Kiina',
      sv: 'Era förbindelser med Kina',
      en: 'Your ties with China',
    });
    const types = new Set(questions.map((question: { type: string }) => question.type));
    for (const type of [
      'registry_table',
      'repeatable_group',
      'single_choice',
      'multiple_choice',
      'scale',
      'yes_no',
    ])
      expect(types).toContain(type);
    const conditional = questions.find((question: { key: string }) => question.key === 'contact_person_role');
    expect(conditional.showIf).toEqual({ questionKey: 'has_contact_person', equals: true });
    const japan = (
      await expectStatus(t.request('GET', '/api/campaigns/templates?countryCode=JP'), 200)
    ).json().items[0];
    expect(japan.title.fi).toContain('Japani');
  });

  it('refuses a code that is no country', async () => {
    const response = await expectStatus(t.request('GET', '/api/campaigns/templates?countryCode=QQ'), 400);
    expect(response.json().error.details[0].field).toBe('query.countryCode');
  });
});

describe('a campaign definition', () => {
  const create = (definition: unknown) =>
    t.request('POST', '/api/campaigns', world.users.coordinator.headers, {
      networkId: world.networks.china.id,
      title: text('Round'),
      definition,
    });

  it('is refused with the reason for each problem: keys used twice, conditions on later questions, missing languages', async () => {
    const definition = {
      sections: [
        {
          key: 'one',
          title: text('One'),
          questions: [
            { key: 'a', type: 'yes_no', label: text('A') },
            { key: 'b', type: 'short_text', label: text('B'), showIf: { questionKey: 'c', equals: 'x' } },
            {
              key: 'c',
              type: 'single_choice',
              label: text('C'),
              options: [
                { key: 'x', label: text('X') },
                { key: 'x', label: text('Y') },
              ],
            },
            { key: 'a', type: 'number', label: text('A again') },
            { key: 'd', type: 'short_text', label: text('D'), showIf: { questionKey: 'c', equals: 'maybe' } },
          ],
        },
      ],
    };
    const response = await expectStatus(create(definition), 400);
    const details = response
      .json()
      .error.details.map(
        (detail: { field: string; message: string }) => `${detail.field}: ${detail.message}`,
      );
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^body\.definition\.sections\.0\.questions\.1\.showIf\.questionKey: must refer to an earlier question/,
        ),
        expect.stringMatching(
          /^body\.definition\.sections\.0\.questions\.2\.options\.1\.key: option key x is used twice/,
        ),
        expect.stringMatching(
          /^body\.definition\.sections\.0\.questions\.3\.key: question key a is used twice/,
        ),
        expect.stringMatching(
          /^body\.definition\.sections\.0\.questions\.4\.showIf: must name options of c: maybe is not one/,
        ),
      ]),
    );
    const untranslated = await expectStatus(
      create({
        sections: [
          {
            key: 's',
            title: { fi: 'Yksi', en: 'One' },
            questions: [{ key: 'a', type: 'yes_no', label: text('A') }],
          },
        ],
      }),
      400,
    );
    expect(untranslated.json().error.details[0].field).toBe('body.definition.sections.0.title.sv');
  });

  it('needs a country for a registry table when the group names none', async () => {
    const response = await expectStatus(
      t.request('POST', '/api/campaigns', world.users.coordinator.headers, {
        networkId: world.networks.c21.id,
        title: text('Ties'),
        definition: {
          sections: [
            {
              key: 's',
              title: text('S'),
              questions: [{ key: 'ties', type: 'registry_table', label: text('Ties') }],
            },
          ],
        },
      }),
      400,
    );
    expect(response.json().error.details[0].field).toBe('body.countryCode');
  });
});

describe('campaigns as kept records', () => {
  it('are created by the coordinators only, with the country of the working group', async () => {
    const body = {
      networkId: world.networks.china.id,
      title: text('China 2021'),
      definition: {
        sections: [
          { key: 's', title: text('S'), questions: [{ key: 'a', type: 'yes_no', label: text('A') }] },
        ],
      },
    };
    for (const who of ['espooEditor', 'coordinatorViewer', 'outsider'] as const)
      await expectStatus(t.request('POST', '/api/campaigns', world.users[who].headers, body), 403);
    await expectStatus(t.request('POST', '/api/campaigns', {}, body), 401);
    const created = (
      await expectStatus(t.request('POST', '/api/campaigns', world.users.coordinator.headers, body), 201)
    ).json();
    expect(created).toMatchObject({ status: 'draft', countryCode: 'CN', canCoordinate: true, version: 1 });
    const history = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${created.id}/history`, world.users.coordinator.headers),
        200,
      )
    ).json();
    expect(history.items.map((item: { action: string }) => item.action)).toEqual(['create']);
  });

  it('answer an internal network the creator may not read as one that does not exist', async () => {
    const [hidden] = await t.database.db
      .insert(networks)
      .values({
        kind: 'network',
        name: { en: 'Closed circle', fi: 'Suljettu piiri', sv: 'Sluten krets' },
        visibility: 'internal',
        secretariatId: world.orgs.outsiderOrg.id,
      })
      .returning();
    const body = (networkId: number) => ({
      networkId,
      title: text('Closed'),
      definition: {
        sections: [
          { key: 's', title: text('S'), questions: [{ key: 'a', type: 'yes_no', label: text('A') }] },
        ],
      },
    });
    for (const networkId of [hidden!.id, 2_000_000]) {
      const refused = await expectStatus(
        t.request('POST', '/api/campaigns', world.users.turkuEditor.headers, body(networkId)),
        400,
      );
      expect(refused.json().error.details[0]).toEqual({
        field: 'body.networkId',
        message: 'is not a known network or working group',
      });
    }
  });

  it('are listed to whom they concern: drafts to the coordinators, open ones to members, nothing to anonymous readers', async () => {
    const draft = await makeCampaign(t, world, { open: false });
    const open = await makeCampaign(t, world);
    const ids = async (headers: Record<string, string>, query = '') =>
      (await expectStatus(t.request('GET', `/api/campaigns${query}`, headers), 200))
        .json()
        .items.map((item: { id: number }) => item.id);
    expect(await ids({})).toEqual([]);
    expect(await ids(world.users.coordinator.headers)).toEqual(expect.arrayContaining([draft.id, open.id]));
    expect(await ids(world.users.coordinatorViewer.headers)).toEqual(
      expect.arrayContaining([draft.id, open.id]),
    );
    const member = await ids(world.users.espooViewer.headers);
    expect(member).toContain(open.id);
    expect(member).not.toContain(draft.id);
    expect(await ids(world.users.outsider.headers)).toEqual([]);
    expect(await ids(world.users.coordinator.headers, `?networkId=${world.networks.c21.id}`)).toEqual([]);
    const [item] = (
      await expectStatus(
        t.request(
          'GET',
          `/api/campaigns?networkId=${world.networks.china.id}&status=open`,
          world.users.espooEditor.headers,
        ),
        200,
      )
    ).json().items;
    expect(item).toMatchObject({
      networkId: world.networks.china.id,
      status: 'open',
      countryCode: 'CN',
      canCoordinate: false,
    });
    expect(item.title.en).toContain('China');
    // How many members submitted: for the coordinators of an opened campaign only.
    expect(item.progress).toBeNull();
    const byId = async (headers: Record<string, string>) =>
      new Map(
        (await expectStatus(t.request('GET', '/api/campaigns', headers), 200))
          .json()
          .items.map((entry: { id: number; progress: unknown }) => [entry.id, entry.progress]),
      );
    await answerAndSubmit(t, world.users.espooEditor.headers, open.id, world.orgs.cityOfEspoo.id);
    const coordinated = await byId(world.users.coordinatorViewer.headers);
    expect(coordinated.get(open.id)).toEqual({ members: 3, submitted: 1 });
    expect(coordinated.get(draft.id)).toBeNull();
    // A draft is not for members, even by its address.
    await expectStatus(t.request('GET', `/api/campaigns/${draft.id}`, world.users.espooEditor.headers), 404);
    await expectStatus(t.request('GET', `/api/campaigns/${open.id}`, {}), 404);
    const seen = (
      await expectStatus(t.request('GET', `/api/campaigns/${open.id}`, world.users.espooEditor.headers), 200)
    ).json();
    expect(seen.canCoordinate).toBe(false);
    expect(seen.answerableFor).toEqual([{ id: world.orgs.cityOfEspoo.id, name: 'City of Espoo' }]);
  });

  it('change freely while a draft; once open only their texts and dates change', async () => {
    const draft = await makeCampaign(t, world, { open: false });
    const sections = structuredClone(draft.definition.sections);
    sections[2].questions.pop();
    const edited = (
      await expectStatus(
        t.request('PATCH', `/api/campaigns/${draft.id}`, world.users.coordinator.headers, {
          version: draft.version,
          definition: { sections },
          closesOn: '2099-12-31',
        }),
        200,
      )
    ).json();
    expect(edited.definition.sections[2].questions).toHaveLength(2);
    // Members do not see a draft; once it is open they see it but may not change it.
    await expectStatus(
      t.request('PATCH', `/api/campaigns/${draft.id}`, world.users.espooEditor.headers, {
        version: edited.version,
        closesOn: null,
      }),
      404,
    );
    const opened = (
      await expectStatus(
        t.request('POST', `/api/campaigns/${draft.id}/open`, world.users.coordinator.headers, {
          version: edited.version,
        }),
        200,
      )
    ).json();
    expect(opened.status).toBe('open');
    expect(opened.opensOn).toBe(new Date().toISOString().slice(0, 10));
    await expectStatus(
      t.request('PATCH', `/api/campaigns/${draft.id}`, world.users.espooEditor.headers, {
        version: opened.version,
        closesOn: null,
      }),
      403,
    );

    const relabelled = structuredClone(opened.definition.sections);
    relabelled[0].questions[1].label.sv = 'Vilka samarbetsformer har ni?';
    relabelled[0].questions[1].options[0].label.en = 'Twin towns';
    const texts = (
      await expectStatus(
        t.request('PATCH', `/api/campaigns/${draft.id}`, world.users.coordinator.headers, {
          version: opened.version,
          definition: { sections: relabelled },
        }),
        200,
      )
    ).json();
    expect(texts.definition.sections[0].questions[1].label.sv).toBe('Vilka samarbetsformer har ni?');

    const retyped = structuredClone(texts.definition.sections);
    retyped[0].questions[3].type = 'short_text';
    delete retyped[0].questions[3].min;
    delete retyped[0].questions[3].max;
    delete retyped[0].questions[3].integer;
    retyped[0].questions.splice(6, 1);
    retyped[0].questions[1].options.pop();
    const refused = await expectStatus(
      t.request('PATCH', `/api/campaigns/${draft.id}`, world.users.coordinator.headers, {
        version: texts.version,
        definition: { sections: retyped },
        countryCode: 'JP',
      }),
      409,
    );
    const error = refused.json().error;
    expect(error.code).toBe('CONFLICT');
    const messages = error.details.map((detail: { message: string }) => detail.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'may not change once the campaign is open',
        'question contacts_last_year may not change its type (number) once the campaign is open',
        'question team_finland may not be removed once the campaign is open',
        expect.stringMatching(/^question cooperation_forms: only its texts may change/),
      ]),
    );
    const unchanged = (
      await expectStatus(t.request('GET', `/api/campaigns/${draft.id}`, world.users.coordinator.headers), 200)
    ).json();
    expect(unchanged.version).toBe(texts.version);
  });

  it('open, close, share their results and are deleted and restored by the coordinators, each step in the history', async () => {
    const campaign = await makeCampaign(t, world);
    const post = (path: string, version: number, headers = world.users.coordinator.headers) =>
      t.request('POST', `/api/campaigns/${campaign.id}/${path}`, headers, { version });
    await expectStatus(post('open', campaign.version), 409);
    await expectStatus(post('share-results', campaign.version, world.users.espooEditor.headers), 403);
    await expectStatus(post('close', campaign.version - 1), 409);
    const closed = (await expectStatus(post('close', campaign.version), 200)).json();
    expect(closed.status).toBe('closed');
    const shared = (await expectStatus(post('share-results', closed.version), 200)).json();
    expect(shared.resultsSharedAt).not.toBeNull();
    await expectStatus(post('share-results', shared.version), 409);
    const deleted = (
      await expectStatus(
        t.request(
          'DELETE',
          `/api/campaigns/${campaign.id}?version=${shared.version}`,
          world.users.coordinator.headers,
        ),
        200,
      )
    ).json();
    expect(deleted.deletedAt).not.toBeNull();
    await expectStatus(
      t.request('GET', `/api/campaigns/${campaign.id}`, world.users.espooEditor.headers),
      404,
    );
    const listed = (
      await expectStatus(t.request('GET', '/api/campaigns', world.users.coordinator.headers), 200)
    ).json();
    expect(listed.items.map((item: { id: number }) => item.id)).not.toContain(campaign.id);
    await expectStatus(
      t.request('POST', `/api/campaigns/${campaign.id}/restore`, world.users.coordinator.headers, {
        version: deleted.version,
      }),
      200,
    );
    const history = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${campaign.id}/history`, world.users.coordinator.headers),
        200,
      )
    ).json();
    expect(history.items.map((item: { action: string }) => item.action)).toEqual([
      'create',
      'open',
      'close',
      'share_results',
      'delete',
      'restore',
    ]);
    await expectStatus(
      t.request('GET', `/api/campaigns/${campaign.id}/history`, world.users.espooEditor.headers),
      404,
    );
  });

  it('start from an earlier round of the same group only', async () => {
    const first = await makeCampaign(t, world);
    const other = (
      await expectStatus(
        t.request('POST', '/api/campaigns', world.users.coordinator.headers, {
          networkId: world.networks.c21.id,
          title: text('C21'),
          previousId: first.id,
          definition: {
            sections: [
              { key: 's', title: text('S'), questions: [{ key: 'a', type: 'yes_no', label: text('A') }] },
            ],
          },
        }),
        400,
      )
    ).json();
    expect(other.error.details[0].field).toBe('body.previousId');
    const second = await makeCampaign(t, world, { previousId: first.id, open: false });
    expect(second.previousId).toBe(first.id);
  });
});
