import { describe, expect, it } from 'vitest';
import { numberProblem, parseNumber } from './AnswerInputs.tsx';
import {
  blankDefinition,
  changeType,
  cleanDefinition,
  dropBrokenConditions,
  missingAnswers,
  missingByLanguage,
  missingTexts,
  move,
  newQuestion,
  uniqueKey,
  visibleQuestions,
  withUids,
} from './campaign-model.ts';
import type { CampaignDefinition } from './campaigns-api.ts';
import { categoryOf, mapCategories, markerOf, NONE } from './results-map.ts';

const text = (en: string) => ({ fi: `${en} (fi)`, sv: `${en} (sv)`, en });
const words = { option: (n: number) => text(`Option ${n}`) };

/** Yes or no; on yes, a choice; on its option b, a text; a group with a required field. */
function form(): CampaignDefinition {
  return {
    sections: [
      {
        key: 'one',
        title: text('One'),
        description: null,
        questions: [
          { key: 'has', type: 'yes_no', label: text('Has?'), help: null, required: true, showIf: null },
          {
            key: 'which',
            type: 'single_choice',
            label: text('Which?'),
            help: null,
            required: true,
            showIf: { questionKey: 'has', equals: true },
            options: [
              { key: 'a', label: text('A') },
              { key: 'b', label: text('B') },
            ],
          },
          {
            key: 'why',
            type: 'short_text',
            label: text('Why?'),
            help: null,
            required: true,
            showIf: { questionKey: 'which', oneOf: ['b'] },
          },
          {
            key: 'rows',
            type: 'repeatable_group',
            label: text('Rows'),
            help: null,
            required: false,
            showIf: null,
            maxRows: 5,
            fields: [{ key: 'name', type: 'short_text', label: text('Name'), help: null, required: true }],
          },
        ],
      },
    ],
  };
}

describe('which questions show', () => {
  it('follows the answers, and hides what hangs on a hidden question', () => {
    const definition = form();
    expect([...visibleQuestions(definition, new Map())]).toEqual(['has', 'rows']);
    expect([...visibleQuestions(definition, new Map<string, unknown>([['has', true]]))]).toEqual([
      'has',
      'which',
      'rows',
    ]);
    const answers = new Map<string, unknown>([
      ['has', true],
      ['which', 'b'],
    ]);
    expect([...visibleQuestions(definition, answers)]).toEqual(['has', 'which', 'why', 'rows']);
    // No longer yes: the choice goes, and the text that hangs on it with it, though its answer is kept.
    answers.set('has', false);
    expect([...visibleQuestions(definition, answers)]).toEqual(['has', 'rows']);
  });

  it('lists the required answers missing among those shown, and rows with a required field empty', () => {
    const definition = form();
    expect(missingAnswers(definition, new Map())).toEqual([{ questionKey: 'has' }]);
    expect(
      missingAnswers(
        definition,
        new Map<string, unknown>([
          ['has', true],
          ['which', 'b'],
          ['why', '  '],
          ['rows', [{ name: 'Pilot' }, {}]],
        ]),
      ),
    ).toEqual([{ questionKey: 'why' }, { questionKey: 'rows', row: 1, fieldKey: 'name' }]);
  });
});

describe('texts in every language', () => {
  it('finds the texts still missing a language; optional ones are all or none', () => {
    const definition = form();
    const question = definition.sections[0]!.questions[1]!;
    question.label = { fi: 'Mikä?', sv: '', en: 'Which?' };
    question.help = { fi: '', sv: '', en: 'Choose one' };
    const missing = missingTexts({ title: text('T'), description: null, definition });
    expect(missing).toEqual([
      { path: 'definition.sections.0.questions.1.label', languages: ['sv'] },
      { path: 'definition.sections.0.questions.1.help', languages: ['fi', 'sv'] },
    ]);
    expect(missingByLanguage(missing)).toEqual({ fi: 1, sv: 2, en: 0 });
  });

  it('cleans a definition for the API: the ids and help left empty go, texts are trimmed', () => {
    const definition = withUids(blankDefinition());
    const question = definition.sections[0]!.questions[0]!;
    question.help = { fi: ' ', sv: '', en: '' };
    question.label = { fi: ' Kysymys ', sv: 'Fråga', en: 'Question' };
    const clean = cleanDefinition(definition);
    expect(JSON.stringify(clean)).not.toContain('uid');
    expect(clean.sections[0]!.questions[0]).toMatchObject({
      help: null,
      label: { fi: 'Kysymys', sv: 'Fråga', en: 'Question' },
    });
  });
});

describe("the builder's edits", () => {
  it('makes keys that are not taken', () => {
    expect(uniqueKey('Yhteistyö 2024!', [])).toBe('yhteistyo_2024');
    expect(uniqueKey('question_1', ['question_1', 'question_1_2'])).toBe('question_1_3');
    expect(uniqueKey('123', [])).toBe('q');
  });

  it('moves an item, and leaves the list as it is for a move past its ends', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('keeps texts, options and the condition when a question changes type', () => {
    const choice = form().sections[0]!.questions[1]!;
    const multiple = changeType(choice, 'multiple_choice', words);
    expect(multiple).toMatchObject({
      type: 'multiple_choice',
      key: 'which',
      label: choice.label,
      showIf: choice.showIf,
      options: [{ key: 'a' }, { key: 'b' }],
    });
    expect(changeType(choice, 'scale', words)).toMatchObject({ type: 'scale', min: 1, max: 5, step: 1 });
    expect(newQuestion('registry_table', 'ties', words)).toMatchObject({
      type: 'registry_table',
      key: 'ties',
    });
  });

  it('drops conditions that no longer refer to an earlier question', () => {
    const definition = form();
    definition.sections[0]!.questions.splice(0, 1);
    const kept = dropBrokenConditions(definition);
    expect(kept.sections[0]!.questions.map((question) => question.showIf)).toEqual([
      null,
      { questionKey: 'which', oneOf: ['b'] },
      null,
    ]);
  });
});

describe('answers typed', () => {
  it('reads numbers as typed in any of the languages', () => {
    expect(parseNumber('1 200,5')).toBe(1200.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12a')).toBeUndefined();
    const bounded = {
      key: 'n',
      type: 'number' as const,
      label: text('N'),
      help: null,
      required: false,
      min: 0,
      max: 10,
      integer: true,
    };
    expect(numberProblem(2.5, bounded)).toEqual({ key: 'wholeNumber' });
    expect(numberProblem(11, bounded)).toEqual({ key: 'atMost', bound: 10 });
    expect(numberProblem(3, bounded)).toBeNull();
  });
});

describe('the results map', () => {
  it('colours by the options, yes and no, or the points of a scale, with a marker for no answer', () => {
    const definition = form();
    expect(mapCategories(definition.sections[0]!.questions[1]!, 'sv')).toEqual([
      { key: 'a', label: 'A (sv)' },
      { key: 'b', label: 'B (sv)' },
    ]);
    expect(mapCategories(definition.sections[0]!.questions[2]!)).toBeNull();
    expect(categoryOf(true)).toBe('yes');
    expect(categoryOf(null)).toBe(NONE);
    expect(markerOf(0, NONE).shape.name).toBe('cross');
    // Categories differ by shape, whatever their colour.
    const shapes = new Set(
      Array.from({ length: 11 }, (_, index) => markerOf(index, String(index)).shape.name),
    );
    expect(shapes.size).toBe(11);
  });
});
