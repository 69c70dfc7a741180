import {
  type DateValue,
  getLocalTimeZone,
  now,
  toCalendarDateTime,
  toZoned,
  type ZonedDateTime,
} from '@internationalized/date';
import { useMemo } from 'react';
import {
  DatePicker as AriaDatePicker,
  type DatePickerProps as AriaDatePickerProps,
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DateSegment,
  Dialog,
  Group,
  Heading,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ComboBox } from './ComboBox.tsx';
import { FieldDescription, FieldErrorText, FieldLabel, type FieldTextProps } from './field.tsx';
import { CalendarIcon, ChevronLeftIcon, ChevronRightIcon } from './icons.tsx';
import { Popover } from './Popover.tsx';
import './Button.css';
import './DatePicker.css';

export interface DatePickerProps<T extends DateValue>
  extends Omit<AriaDatePickerProps<T>, 'children'>,
    FieldTextProps {}

/** A date typed segment by segment (day, month, year in the user's order) or picked from a calendar. */
export function DatePicker<T extends DateValue>({
  label,
  description,
  errorMessage,
  ...props
}: DatePickerProps<T>) {
  const { t } = useTranslation();
  return (
    <AriaDatePicker {...props} className="cb-field cb-date-picker">
      <FieldLabel>{label}</FieldLabel>
      <Group className="cb-field-group">
        <DateInput className="cb-date-input">
          {(segment) => <DateSegment segment={segment} className="cb-date-segment" />}
        </DateInput>
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
