import {
  createCalendar,
  type DateValue,
  getLocalTimeZone,
  now,
  toCalendarDateTime,
  toZoned,
  type ZonedDateTime,
} from '@internationalized/date';
import { useEffect, useMemo, useRef } from 'react';
import { useDateField } from 'react-aria/useDateField';
import {
  DatePicker as AriaDatePicker,
  type DatePickerProps as AriaDatePickerProps,
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateFieldContext,
  DateFieldStateContext,
  DateInput,
  DateSegment,
  Dialog,
  Group,
  GroupContext,
  Heading,
  InputContext,
  Provider,
  useContextProps,
  useLocale,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { type DateFieldState, useDateFieldState } from 'react-stately/useDateFieldState';
import { ComboBox } from './ComboBox.tsx';
import { FieldDescription, FieldErrorText, FieldLabel, type FieldTextProps } from './field.tsx';
import { CalendarIcon, ChevronLeftIcon, ChevronRightIcon } from './icons.tsx';
import { Popover } from './Popover.tsx';
import './Button.css';
import './DatePicker.css';

/** What is typed in a date field: its year, month and day, each null until typed. */
export interface DateEntry {
  year: number | null;
  month: number | null;
  day: number | null;
}

export interface DatePickerProps<T extends DateValue>
  extends Omit<AriaDatePickerProps<T>, 'children'>,
    FieldTextProps {
  /**
   * Called with what is typed whenever it changes. A date typed only in part, or one that does not exist
   * (30 February), leaves the value as it was; with this callback, a date that does not exist also stays as typed
   * when focus leaves, for the caller to refuse, instead of moving to the month's last day unseen.
   */
  onEntryChange?: (entry: DateEntry) => void;
}

/** A date typed segment by segment (day, month, year in the user's order) or picked from a calendar. */
export function DatePicker<T extends DateValue>({
  label,
  description,
  errorMessage,
  onEntryChange,
  ...props
}: DatePickerProps<T>) {
  const { t } = useTranslation();
  return (
    <AriaDatePicker {...props} className="cb-field cb-date-picker">
      <FieldLabel>{label}</FieldLabel>
      <Group className="cb-field-group">
        {onEntryChange ? (
          <EntryDateInput onEntryChange={onEntryChange} />
        ) : (
          <DateInput className="cb-date-input">
            {(segment) => <DateSegment segment={segment} className="cb-date-segment" />}
          </DateInput>
        )}
        <Button className="cb-icon-button" aria-label={t('ui.openCalendar')}>
          <CalendarIcon />
        </Button>
      </Group>
      <FieldDescription>{description}</FieldDescription>
      <FieldErrorText>{errorMessage}</FieldErrorText>
      <Popover className="cb-popover cb-calendar-popover">
        <Dialog className="cb-calendar-dialog">
          <Calendar className="cb-calendar">
            <header className="cb-calendar-header">
              <Button slot="previous" className="cb-icon-button">
                <ChevronLeftIcon />
              </Button>
              <Heading className="cb-calendar-heading" />
              <Button slot="next" className="cb-icon-button">
                <ChevronRightIcon />
              </Button>
            </header>
            <CalendarGrid className="cb-calendar-grid">
              {(date) => <CalendarCell date={date} className="cb-calendar-cell" />}
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </AriaDatePicker>
  );
}

/** The year, month and day typed in a date field's segments (those still showing their placeholder are null). */
function typedEntry(state: DateFieldState): DateEntry {
  const part = (type: 'year' | 'month' | 'day') => {
    const segment = state.segments.find((item) => item.type === type);
    return segment && !segment.isPlaceholder ? (segment.value ?? null) : null;
  };
  return { year: part('year'), month: part('month'), day: part('day') };
}

/**
 * The picker's date input, as React Aria's own (the same state and hooks), that reports what is typed and keeps a
 * whole date that does not exist as typed when focus leaves (React Aria would move 30 February to the 28th).
 */
function EntryDateInput({ onEntryChange }: { onEntryChange: (entry: DateEntry) => void }) {
  const [props, fieldRef] = useContextProps({}, null, DateFieldContext);
  const { locale } = useLocale();
  const state = useDateFieldState({ ...props, locale, createCalendar });
  const { year, month, day } = typedEntry(state);
  const value = state.value;
  const impossible =
    year !== null &&
    month !== null &&
    day !== null &&
    !(value && value.year === year && value.month === month && value.day === day);
  const kept: DateFieldState = impossible ? { ...state, confirmPlaceholder: () => {} } : state;
  const inputRef = useRef<HTMLInputElement>(null);
  const { fieldProps, inputProps } = useDateField({ ...props, inputRef }, kept, fieldRef);
  // Reported when the user changes it, not when the field first shows its value.
  const reported = useRef({ year, month, day });
  useEffect(() => {
    const last = reported.current;
    if (last.year === year && last.month === month && last.day === day) return;
    reported.current = { year, month, day };
    onEntryChange({ year, month, day });
  }, [year, month, day, onEntryChange]);
  return (
    <Provider
      values={[
        [DateFieldStateContext, kept],
        [InputContext, { ...inputProps, ref: inputRef }],
        [
          GroupContext,
          { ...fieldProps, ref: fieldRef, isInvalid: kept.isInvalid, isDisabled: kept.isDisabled },
        ],
      ]}
    >
      <DateInput className="cb-date-input">
        {(segment) => <DateSegment segment={segment} className="cb-date-segment" />}
      </DateInput>
    </Provider>
  );
}

/** Every IANA time zone the browser knows, UTC first. */
function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
  } catch {
    return ['UTC', getLocalTimeZone()];
  }
}

/** "UTC+02:00": the zone's offset at the given moment (or now), for the zone list and the description. */
export function utcOffset(timeZone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((item) => item.type === 'timeZoneName');
    const offset = part?.value.replace('GMT', '') ?? '';
    return `UTC${offset === '' ? '+00:00' : offset}`;
  } catch {
    return 'UTC';
  }
}

export interface DateTimePickerProps
  extends Omit<DatePickerProps<ZonedDateTime>, 'value' | 'onChange' | 'defaultValue' | 'granularity'> {
  value: ZonedDateTime | null;
  onChange: (value: ZonedDateTime | null) => void;
  /** The IANA time zone the date and time are in (e.g. Asia/Shanghai). */
  timeZone: string;
  onTimeZoneChange: (timeZone: string) => void;
  /** The label of the time-zone field. */
  timeZoneLabel?: string;
}

/**
 * A date and time in a named time zone: an event in Shanghai is entered in Shanghai's time, whatever the user's
 * own zone. Choosing another zone keeps the wall-clock time and moves the moment.
 */
export function DateTimePicker({
  value,
  onChange,
  timeZone,
  onTimeZoneChange,
  timeZoneLabel,
  isDisabled,
  ...props
}: DateTimePickerProps) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const at = value ? value.toDate() : new Date();
    return timeZones().map((zone) => ({ id: zone, label: zone, description: utcOffset(zone, at) }));
  }, [value]);
  return (
    <div className="cb-date-time">
      <DatePicker<ZonedDateTime>
        {...props}
        isDisabled={isDisabled}
        granularity="minute"
        hourCycle={24}
        hideTimeZone
        value={value}
        onChange={onChange}
        placeholderValue={now(timeZone).set({ minute: 0, second: 0, millisecond: 0 })}
      />
      <ComboBox
        label={timeZoneLabel ?? t('ui.timeZone')}
        description={utcOffset(timeZone, value ? value.toDate() : new Date())}
        options={options}
        selectedKey={timeZone}
        isDisabled={isDisabled}
        menuTrigger="focus"
        onSelectionChange={(key) => {
          if (typeof key !== 'string') return;
          onTimeZoneChange(key);
          if (value) onChange(toZoned(toCalendarDateTime(value), key));
        }}
      />
    </div>
  );
}
