import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { validationKey } from './validation.ts';

describe('validation messages', () => {
  it('translates the API’s field messages, and anything else as not valid', () => {
    expect(validationKey('is not a real date')).toBe('validation.realDate');
    expect(validationKey('must be a date YYYY-MM-DD')).toBe('validation.date');
    expect(validationKey('must be an email address')).toBe('validation.email');
    expect(validationKey('Invalid input: expected string, received undefined')).toBe('validation.required');
    expect(validationKey('something new')).toBe('validation.invalid');
  });

  it('has a text for every key it can answer', () => {
    const keys = Object.keys(en.validation);
    for (const message of ['is not a real date', 'is taken', 'is wrong', 'Too big: expected', 'x']) {
      expect(keys).toContain(validationKey(message).replace('validation.', ''));
    }
  });
});
