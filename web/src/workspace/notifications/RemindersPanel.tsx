import { useState } from 'react';
import {
  QUIET_PERIODS,
  REMINDER_KINDS,
  type ReminderKind,
  type ReminderSettings,
} from '../../../../src/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, CheckboxGroup } from '../../ui/Checkbox.tsx';
import { ErrorState, Skeleton } from '../../ui/states.tsx';
import type { WorkspaceT } from '../texts.ts';
import { CheckboxField, FormMessage, SelectField, useFormErrors } from '../ui/form.tsx';
import { useReminderSettings, useSaveReminderSettings } from './notifications-api.ts';

interface Choices {
  enabled: ReminderKind[];
  quietMonths: string;
  digest: boolean;
}

const choicesOf = (settings: ReminderSettings): Choices => ({
  enabled: settings.kinds.filter((kind) => kind.enabled).map((kind) => kind.kind),
  quietMonths: String(settings.quietMonths),
  digest: settings.digest === 'weekly',
});

function RemindersForm({ t, settings }: { t: WorkspaceT; settings: ReminderSettings }) {
  const save = useSaveReminderSettings();
  const feedback = useFormErrors();
  const [choices, setChoices] = useState(() => choicesOf(settings));
  const set = (changes: Partial<Choices>) => setChoices((current) => ({ ...current, ...changes }));

  const submit = feedback.submitWith(async () => {
    const saved = await save.mutateAsync({
      kinds: REMINDER_KINDS.map((kind) => ({ kind, enabled: choices.enabled.includes(kind) })),
      quietMonths: Number(choices.quietMonths) as ReminderSettings['quietMonths'],
      digest: choices.digest ? 'weekly' : 'off',
    });
    setChoices(choicesOf(saved));
    return t('reminders.saved');
  });

  return (
    <form onSubmit={submit} noValidate>
      <CheckboxGroup
        stacked
        label={t('reminders.kindsLabel')}
        description={t('reminders.kindsHint')}
        value={choices.enabled}
        onChange={(enabled) => set({ enabled: enabled as ReminderKind[] })}
      >
        {REMINDER_KINDS.map((kind) => (
          <Checkbox key={kind} value={kind}>
            {t(`reminders.kind.${kind}`)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <SelectField
        label={t('reminders.quietLabel')}
        hint={t('reminders.quietHint')}
        name="quietMonths"
        value={choices.quietMonths}
        onChange={(quietMonths) => set({ quietMonths })}
        options={QUIET_PERIODS.map((months) => ({
          value: String(months),
          label: t('reminders.months', { count: months }),
        }))}
        disabled={!choices.enabled.includes('tie_quiet')}
      />
      <CheckboxField
        label={t('reminders.digest')}
        name="digest"
        checked={choices.digest}
        onChange={(digest) => set({ digest })}
      />
      <p className="hint">{settings.emailEnabled ? t('reminders.digestHint') : t('reminders.noEmail')}</p>
      <FormMessage message={feedback.message} />
      <div>
        <Button type="submit" variant="primary" isPending={save.isPending}>
          {t('reminders.save')}
        </Button>
      </div>
    </form>
  );
}

/** The signed-in user's reminders: which kinds they get, when a tie is quiet, and the weekly e-mail digest. */
export function RemindersPanel({ t }: { t: WorkspaceT }) {
  const settings = useReminderSettings();
  return (
    <section className="panel" id="reminders" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t('reminders.title')}</h2>
      <p className="hint">{t('reminders.intro')}</p>
      {settings.isPending ? (
        <Skeleton lines={4} label={t('reminders.loading')} />
      ) : settings.isError ? (
        <ErrorState message={t('reminders.error')} onRetry={() => void settings.refetch()} />
      ) : (
        <RemindersForm t={t} settings={settings.data} />
      )}
    </section>
  );
}
