import { describe, expect, it } from 'vitest';
import { loggedUrl } from './log-requests.ts';

describe('request addresses in the log', () => {
  it("leave out a private calendar feed's secret and keep everything else", () => {
    const secret = 'q'.repeat(43);
    expect(loggedUrl(`/api/calendars/private/${secret}/events.ics?lang=fi`)).toBe(
      '/api/calendars/private/…/events.ics?lang=fi',
    );
    expect(loggedUrl('/api/events/12/calendar.ics')).toBe('/api/events/12/calendar.ics');
  });
});
