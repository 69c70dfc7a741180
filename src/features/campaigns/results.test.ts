import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makePartnership } from '../../../test/helpers/factories.ts';
import { answerSchemaFor, type CampaignQuestion } from './campaigns.schema.ts';
import {
  answer,
  answerAndSubmit,
  type CampaignWorld,
  expectStatus,
  makeCampaign,
  makeCampaignWorld,
  REQUIRED_ANSWERS,
} from './campaigns.test-fixtures.ts';
import { toCsv } from './results.export.ts';
import { summarise } from './results.service.ts';

let t: TestApp;
let world: CampaignWorld;
let campaign: {
  id: number;
  version: number;
  definition: { sections: { questions: { key: string; label: Record<string, string> }[] }[] };
};
const submittedAt: Record<string, string> = {};

type Cell = string | number | null;

/** Reads RFC 4180 CSV (after its byte order mark) into rows of strings. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.slice(1);
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]!;
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && body[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  expect(field).toBe('');
  return rows;
}

/** A cell as CSV holds it: numbers as text, empty as nothing, a formula-like text behind an apostrophe. */
const asCsv = (cell: Cell) =>
  cell === null ? '' : typeof cell === 'number' ? String(cell) : /^[=+\-@]/.test(cell) ? `'${cell}` : cell;

async function readXlsx(buffer: Buffer): Promise<Map<string, Cell[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheets = new Map<string, Cell[][]>();
  workbook.eachSheet((worksheet) => {
    const rows: Cell[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: Cell[] = [];
      for (let column = 1; column <= worksheet.columnCount; column += 1) {
        const value = row.getCell(column).value;
        cells.push(value === undefined || value === null ? null : (value as string | number));
      }
      rows.push(cells);
    });
    sheets.set(worksheet.name, rows);
  });
  return sheets;
}

const ESPOO_ANSWERS = {
  cooperation_forms: ['twin_town', 'mou', 'business'],
  activity_level: 4,
  contacts_last_year: 12,
  has_contact_person: true,
  contact_person_role: 'Coordinator, international affairs',
  team_finland: true,
  planned_projects: [
    { name: 'CIIE 2021 delegation', theme: 'business', starts_on: '2021-11-05', budget_eur: 15000 },
    { name: 'Smart city pilot', theme: 'innovation' },
  ],
  visit_planned: true,
  visit_details: 'Delegation to Shanghai, "CIIE" week',
  importance_outlook: 'grows',
  support_needs: ['contacts', 'business_support'],
  dialogue_topics: '=Data security',
  other_comments: 'Line one\nLine two',
};

beforeAll(async () => {
  t = await createTestApp();
  world = await makeCampaignWorld(t.database.db);
  const { users, orgs } = world;
  // The first round: Espoo and Turku answer.
  const first = await makeCampaign(t, world);
  await answerAndSubmit(t, users.espooEditor.headers, first.id, orgs.cityOfEspoo.id, {
    ...REQUIRED_ANSWERS,
    activity_level: 3,
    cooperation_forms: ['twin_town'],
    contacts_last_year: 8,
  });
  await answerAndSubmit(t, users.turkuEditor.headers, first.id, orgs.cityOfTurku.id, {
    ...REQUIRED_ANSWERS,
    activity_level: 1,
  });
  // The second round: Espoo and Vantaa submit, Turku only begins.
  campaign = await makeCampaign(t, world, { previousId: first.id });
  const espoo = (
    await expectStatus(
      t.request(
        'GET',
        `/api/campaigns/${campaign.id}/responses/${orgs.cityOfEspoo.id}`,
        users.espooEditor.headers,
      ),
      200,
    )
  ).json();
  const [beijing, shanghai] = espoo.answers.ties.value;
  submittedAt.espoo = (
    await answerAndSubmit(t, users.espooEditor.headers, campaign.id, orgs.cityOfEspoo.id, {
      ...ESPOO_ANSWERS,
      ties: [beijing, { ...shanghai, confirmed: true }],
    })
  ).submittedAt;
  await answer(t, users.vantaaEditor.headers, campaign.id, orgs.cityOfVantaa.id, {
    has_contact_person: true,
    contact_person_role: 'Hidden role',
  });
  submittedAt.vantaa = (
    await answerAndSubmit(t, users.vantaaEditor.headers, campaign.id, orgs.cityOfVantaa.id, {
      cooperation_forms: ['projects'],
      activity_level: 2,
      contacts_last_year: 3,
      has_contact_person: false,
      team_finland: false,
      visit_planned: false,
      importance_outlook: 'stays',
    })
  ).submittedAt;
  await answer(t, users.turkuEditor.headers, campaign.id, orgs.cityOfTurku.id, { activity_level: 5 });
});
afterAll(() => t.close());

describe('results', () => {
  it('count, summarise and list the submitted answers shown, beside the previous round', async () => {
    const results = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${campaign.id}/results`, world.users.coordinatorViewer.headers),
        200,
      )
    ).json();
    expect(results).toMatchObject({ members: 3, submitted: 2, previousId: expect.any(Number) });
    expect(results.responseRate).toBeCloseTo(2 / 3);
    expect(results.missing).toEqual([
      { id: world.orgs.cityOfTurku.id, name: 'City of Turku', status: 'draft' },
    ]);
    const question = (key: string) => results.questions.find((entry: { key: string }) => entry.key === key);
    expect(question('cooperation_forms').counts).toEqual({
      twin_town: 1,
      mou: 1,
      projects: 1,
      networks: 0,
      business: 1,
      education: 0,
      culture: 0,
    });
    expect(question('activity_level')).toMatchObject({
      answered: 2,
      counts: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 0 },
      summary: { count: 2, sum: 6, min: 2, max: 4, mean: 3, median: 3 },
      previous: {
        answered: 2,
        counts: { 1: 1, 2: 0, 3: 1, 4: 0, 5: 0 },
        summary: { count: 2, sum: 4, mean: 2 },
      },
    });
    expect(question('contacts_last_year').summary).toEqual({
      count: 2,
      sum: 15,
      min: 3,
      max: 12,
      mean: 7.5,
      median: 7.5,
    });
    expect(question('has_contact_person').counts).toEqual({ yes: 1, no: 1 });
    // Vantaa's role went hidden with its no: only Espoo's is listed.
    expect(question('contact_person_role').texts).toEqual([
      {
        organizationId: world.orgs.cityOfEspoo.id,
        name: 'City of Espoo',
        value: 'Coordinator, international affairs',
      },
    ]);
    expect(
      question('planned_projects').rows.map((row: { name: string; row: { name: string } }) => [
        row.name,
        row.row.name,
      ]),
    ).toEqual([
      ['City of Espoo', 'CIIE 2021 delegation'],
      ['City of Espoo', 'Smart city pilot'],
    ]);
    expect(
      question('ties').rows.map((row: { name: string; row: { partnerName: string } }) => [
        row.name,
        row.row.partnerName,
      ]),
    ).toEqual([
      ['City of Espoo', 'Beijing'],
      ['City of Espoo', 'Shanghai'],
      ['City of Vantaa', 'Wuhan'],
    ]);
    expect(
      results.rows.map((row: { organization: { name: string }; place: unknown }) => [
        row.organization.name,
        row.place,
      ]),
    ).toEqual([
      ['City of Espoo', { id: world.places.espoo.id, name: 'Espoo', lat: 60.2, lng: 24.66 }],
      ['City of Vantaa', { id: world.places.vantaa.id, name: 'Vantaa', lat: 60.29, lng: 25.04 }],
    ]);
    expect(results.rows[1].answers.contact_person_role).toBeUndefined();
    // Texts, groups and registry tables have no figure to compare: no previous round beside them.
    for (const key of ['contact_person_role', 'planned_projects', 'ties'])
      expect(question(key).previous, key).toBeNull();
  });

  it('reach the members only once the coordinators share them, and never outsiders', async () => {
    const url = `/api/campaigns/${campaign.id}/results`;
    for (const path of [url, `${url}.csv`, `${url}.xlsx`]) {
      await expectStatus(t.request('GET', path, world.users.espooEditor.headers), 403);
      await expectStatus(t.request('GET', path, world.users.turkuEditor.headers), 403);
      await expectStatus(t.request('GET', path, world.users.outsider.headers), 404);
      await expectStatus(t.request('GET', path, {}), 404);
    }
    const current = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${campaign.id}`, world.users.coordinator.headers),
        200,
      )
    ).json();
    await expectStatus(
      t.request('POST', `/api/campaigns/${campaign.id}/share-results`, world.users.coordinator.headers, {
        version: current.version,
      }),
      200,
    );
    const seen = (await expectStatus(t.request('GET', url, world.users.turkuEditor.headers), 200)).json();
    expect(seen.rows.map((row: { organization: { name: string } }) => row.organization.name)).toEqual([
      'City of Espoo',
      'City of Vantaa',
    ]);
    await expectStatus(t.request('GET', `${url}.csv`, world.users.espooViewer.headers), 200);
    await expectStatus(t.request('GET', url, world.users.outsider.headers), 404);
  });
});

describe('exports', () => {
  const label = (key: string) =>
    campaign.definition.sections
      .flatMap((section) => section.questions)
      .find((question) => question.key === key)!.label.en ?? '';
  const keys = () =>
    campaign.definition.sections.flatMap((section) => section.questions).map((question) => question.key);

  /** The export's tables as they should be, built from the answers given above. */
  function expected(): Map<string, Cell[][]> {
    const espoo = world.orgs.cityOfEspoo.id;
    const vantaa = world.orgs.cityOfVantaa.id;
    const main: Cell[][] = [
      ['Organisation', 'Organisation id', 'Submitted', ...keys().map(label)],
      [
        'City of Espoo',
        espoo,
        submittedAt.espoo!,
        2,
        'Twin-town agreement; Memorandum of understanding; Business cooperation',
        4,
        12,
        'Yes',
        'Coordinator, international affairs',
        'Yes',
        2,
        'Yes',
        'Delegation to Shanghai, "CIIE" week',
        'It will grow',
        'Contacts; Support for business',
        '=Data security',
        'Line one\nLine two',
      ],
      [
        'City of Vantaa',
        vantaa,
        submittedAt.vantaa!,
        1,
        'Projects',
        2,
        3,
        'No',
        null,
        'No',
        null,
        'No',
        null,
        'It will stay the same',
        null,
        null,
        null,
      ],
    ];
    const projects: Cell[][] = [
      [
        'Organisation',
        'Organisation id',
        'Row',
        'Project name',
        'Theme',
        'Partner city or organisation',
        'Expected start',
        'Estimated budget (euros)',
      ],
      ['City of Espoo', espoo, 1, 'CIIE 2021 delegation', 'Business', null, '2021-11-05', 15000],
      ['City of Espoo', espoo, 2, 'Smart city pilot', 'Innovation', null, null, null],
    ];
    const ties: Cell[][] = [
      [
        'Organisation',
        'Organisation id',
        'Row',
        'Partner',
        'Partner id',
        'Kind',
        'Status',
        'Started',
        'Ended',
        'Confirmed',
        'Tie id',
      ],
      [
        'City of Espoo',
        espoo,
        1,
        'Beijing',
        world.places.beijing.id,
        'mou',
        'dormant',
        '2015-04-01',
        null,
        'No',
        world.ties.mou.id,
      ],
      [
        'City of Espoo',
        espoo,
        2,
        'Shanghai',
        world.places.shanghai.id,
        'twin_town',
        'active',
        '1998-09-29',
        null,
        'Yes',
        world.ties.twinTown.id,
      ],
      [
        'City of Vantaa',
        vantaa,
        1,
        'Wuhan',
        world.places.wuhan.id,
        'friendship_city',
        'active',
        null,
        null,
        'No',
        world.ties.vantaaTie.id,
      ],
    ];
    return new Map([
      ['Responses', main],
      ['ties', ties],
      ['planned_projects', projects],
    ]);
  }

  it('as CSV: a row per member and a column per question, and each group or registry table by itself', async () => {
    const url = `/api/campaigns/${campaign.id}/results.csv`;
    const main = await expectStatus(t.request('GET', url, world.users.coordinator.headers), 200);
    expect(main.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(main.headers['content-disposition']).toBe(
      `attachment; filename="campaign-${campaign.id}-results.csv"`,
    );
    const tables = expected();
    expect(parseCsv(main.body)).toEqual(tables.get('Responses')!.map((row) => row.map(asCsv)));
    for (const key of ['planned_projects', 'ties']) {
      const sheet = await expectStatus(
        t.request('GET', `${url}?sheet=${key}`, world.users.coordinator.headers),
        200,
      );
      expect(parseCsv(sheet.body), key).toEqual(tables.get(key)!.map((row) => row.map(asCsv)));
    }
    const wrong = await expectStatus(
      t.request('GET', `${url}?sheet=activity_level`, world.users.coordinator.headers),
      400,
    );
    expect(wrong.json().error.details[0].field).toBe('query.sheet');
    const finnish = parseCsv(
      (await expectStatus(t.request('GET', `${url}?lang=fi`, world.users.coordinator.headers), 200)).body,
    );
    expect(finnish[0]!.slice(0, 3)).toEqual(['Organisaatio', 'Organisaation tunniste', 'Lähetetty']);
    expect(finnish[1]![4]).toBe('Ystävyyskuntasopimus; Yhteistyöpöytäkirja (MoU); Elinkeinoelämän yhteistyö');
    expect(finnish[1]![7]).toBe('Kyllä');
  });

  it('as XLSX: the same tables, a sheet each, every cell as it was answered', async () => {
    const response = await expectStatus(
      t.request('GET', `/api/campaigns/${campaign.id}/results.xlsx`, world.users.coordinator.headers),
      200,
    );
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const sheets = await readXlsx(response.rawPayload);
    const tables = expected();
    expect([...sheets.keys()]).toEqual([...tables.keys()]);
    for (const [name, rows] of tables) expect(sheets.get(name), name).toEqual(rows);
  });
});

describe('what results show of the answers', () => {
  const share = async (campaignId: number) => {
    const current = (
      await expectStatus(
        t.request('GET', `/api/campaigns/${campaignId}`, world.users.coordinator.headers),
        200,
      )
    ).json();
    await expectStatus(
      t.request('POST', `/api/campaigns/${campaignId}/share-results`, world.users.coordinator.headers, {
        version: current.version,
      }),
      200,
    );
  };

  it('leave out a registry row about a tie the reader may not read, and name partners as the registry does', async () => {
    const { places, orgs, users } = world;
    const internal = await makePartnership(t.database.db, [places.espoo.id, places.wuhan.id], {
      kind: 'mou',
      status: 'active',
      visibility: 'internal',
    });
    const round = await makeCampaign(t, world);
    await answerAndSubmit(t, users.espooEditor.headers, round.id, orgs.cityOfEspoo.id);
    await answerAndSubmit(t, users.vantaaEditor.headers, round.id, orgs.cityOfVantaa.id, {
      ...REQUIRED_ANSWERS,
      ties: [
        {
          partnershipId: null,
          partnerPlaceId: places.shanghai.id,
          partnerName: 'Totally not Shanghai',
          kind: 'mou',
          status: 'proposed',
          startedOn: null,
          endedOn: null,
          confirmed: true,
        },
      ],
    });
    await share(round.id);
    const url = `/api/campaigns/${round.id}/results`;
    const tieIds = (as: Record<string, string>) =>
      t
        .request('GET', url, as)
        .then((response) => expectStatus(response, 200))
        .then((response) =>
          response
            .json()
            .questions.find((question: { key: string }) => question.key === 'ties')
            .rows.map((entry: { row: { partnershipId: number | null; partnerName: string } }) => entry.row),
        );
    for (const as of [users.turkuEditor.headers, users.coordinator.headers]) {
      const rows = await tieIds(as);
      expect(rows.map((row: { partnershipId: number | null }) => row.partnershipId)).not.toContain(
        internal.id,
      );
      expect(
        rows.find((row: { partnershipId: number | null }) => row.partnershipId === null).partnerName,
      ).toBe('Shanghai');
    }
    expect(
      (await tieIds(users.espooEditor.headers)).map((row: { partnershipId: number }) => row.partnershipId),
    ).toContain(internal.id);
    const csv = (
      await expectStatus(t.request('GET', `${url}.csv?sheet=ties`, users.turkuEditor.headers), 200)
    ).body;
    expect(csv).not.toContain('Wuhan');
    expect(csv).not.toContain('Totally not');
    expect(csv).toContain('Shanghai');
  });

  it('compare with the previous round only for its coordinators, or once that round was shared', async () => {
    const { orgs, users } = world;
    const first = await makeCampaign(t, world);
    await answerAndSubmit(t, users.espooEditor.headers, first.id, orgs.cityOfEspoo.id);
    const second = await makeCampaign(t, world, { previousId: first.id });
    await answerAndSubmit(t, users.espooEditor.headers, second.id, orgs.cityOfEspoo.id);
    await share(second.id);
    const previous = async (as: Record<string, string>) =>
      (await expectStatus(t.request('GET', `/api/campaigns/${second.id}/results`, as), 200))
        .json()
        .questions.filter((question: { previous: unknown }) => question.previous !== null).length;
    expect(await previous(users.turkuEditor.headers)).toBe(0);
    expect(await previous(users.coordinator.headers)).toBeGreaterThan(0);
    await share(first.id);
    expect(await previous(users.turkuEditor.headers)).toBeGreaterThan(0);
  });

  it('answer figures too large to be numbers as none, and take no unbounded number beyond ±1e12', () => {
    expect(summarise([1.7e308, 1.7e308])).toMatchObject({ count: 2, sum: null, mean: null });
    const unbounded = answerSchemaFor({
      key: 'budget',
      type: 'number',
      label: { en: 'Budget' },
      required: false,
      min: null,
      max: null,
      integer: false,
    } as unknown as CampaignQuestion);
    expect(unbounded.safeParse(1e12).success).toBe(true);
    expect(unbounded.safeParse(1.7e308).success).toBe(false);
    expect(unbounded.safeParse(-1e13).success).toBe(false);
  });

  it('export as CSV a cell with a separator quoted, so no part of it becomes a formula', () => {
    const csv = toCsv({
      questionKey: null,
      name: 'Responses',
      headers: ['a', 'b'],
      rows: [["x;=cmd|' /C calc'!A0", '=1+1']],
    });
    expect(csv).toContain(`"x;=cmd|' /C calc'!A0",'=1+1`);
  });
});
