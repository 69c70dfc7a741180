import { parseDate, parseZonedDateTime, type ZonedDateTime } from '@internationalized/date';
import { type ReactNode, useMemo, useState } from 'react';
import { DialogTrigger, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSession } from '../../api/auth.ts';
import { countryName } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, CheckboxGroup } from '../../ui/Checkbox.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import { DatePicker, DateTimePicker } from '../../ui/DatePicker.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { ModalDialog } from '../../ui/Dialog.tsx';
import { Disclosure } from '../../ui/Disclosure.tsx';
import { Link } from '../../ui/Link.tsx';
import { MenuButton, MenuItem } from '../../ui/Menu.tsx';
import { PopoverDialog } from '../../ui/Popover.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { Select } from '../../ui/Select.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { Tab, TabList, TabPanel, Tabs } from '../../ui/Tabs.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { useToast } from '../../ui/toast.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { visibilityOptions } from '../ui/visibility.ts';
import { DEMO_STATUSES, type DemoTie, demoTies } from './demo-rows.ts';
import './gallery.css';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="gallery-section" aria-labelledby={`gallery-${title}`}>
      <h2 id={`gallery-${title}`}>{title}</h2>
      <div className="gallery-body">{children}</div>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="gallery-row">
      <h3 className="gallery-row-label">{label}</h3>
      <div className="gallery-row-items">{children}</div>
    </div>
  );
}

/** A button that is busy for two seconds after it is pressed. */
function PendingButton({ t }: { t: WorkspaceT }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="primary"
      isPending={pending}
      onPress={() => {
        setPending(true);
        setTimeout(() => setPending(false), 2000);
      }}
    >
      {t('gallery.save')}
    </Button>
  );
}

const COUNTRY_CODES = ['FI', 'SE', 'NO', 'DK', 'EE', 'DE', 'FR', 'CN', 'JP', 'US', 'BR', 'ZA', 'IN', 'AE'];

function Buttons({ t }: { t: WorkspaceT }) {
  return (
    <Section title={t('gallery.buttons')}>
      {(['primary', 'secondary', 'quiet', 'danger'] as const).map((variant) => (
        <Row key={variant} label={t(`gallery.variant.${variant}`)}>
          <Button variant={variant}>{t('gallery.action')}</Button>
          <Button variant={variant} size="s">
            {t('gallery.small')}
          </Button>
          <Button variant={variant} size="l">
            {t('gallery.large')}
          </Button>
          <Button variant={variant} isDisabled>
            {t('gallery.disabled')}
          </Button>
          <Button variant={variant} isPending>
            {t('gallery.pending')}
          </Button>
        </Row>
      ))}
      <Row label={t('gallery.pressToBusy')}>
        <PendingButton t={t} />
      </Row>
      <Row label={t('gallery.links')}>
        <p>
          {t('gallery.inlineBefore')} <Link href="/workspace">{t('gallery.inlineLink')}</Link>.
        </p>
        <Link href="/accessibility" variant="standalone">
          {t('gallery.standaloneLink')}
        </Link>
        <Link isDisabled>{t('gallery.disabledLink')}</Link>
      </Row>
    </Section>
  );
}

function Fields({ t }: { t: WorkspaceT }) {
  const { i18n } = useTranslation();
  const { t: common } = useTranslation();
  const countries = useMemo(
    () =>
      COUNTRY_CODES.map((code) => ({ id: code, label: countryName(code, i18n.language) })).sort((a, b) =>
        a.label.localeCompare(b.label, i18n.language),
      ),
    [i18n.language],
  );
  const statuses = DEMO_STATUSES.map((status) => ({ id: status, label: common(`status.${status}`) }));
  const [status, setStatus] = useState<Key | null>('active');
  const [country, setCountry] = useState<Key | null>('FI');
  const [timeZone, setTimeZone] = useState('Asia/Shanghai');
  const [moment, setMoment] = useState<ZonedDateTime | null>(() =>
    parseZonedDateTime('2020-11-10T15:00[Asia/Shanghai]'),
  );
  return (
    <Section title={t('gallery.fields')}>
      <div className="gallery-grid">
        <TextField label={t('gallery.name')} defaultValue="Espoo" />
        <TextField
          label={t('gallery.email')}
          type="email"
          description={t('gallery.emailHint')}
          placeholder="name@example.org"
        />
        <TextField
          label={t('gallery.email')}
          type="email"
          defaultValue="espoo.fi"
          isInvalid
          errorMessage={t('gallery.emailError')}
        />
        <TextField label={t('gallery.name')} defaultValue="Shanghai" isDisabled />
        <TextField label={t('gallery.notes')} multiline description={t('gallery.notesHint')} />
        <Select
          label={common('filters.status')}
          options={statuses}
          selectedKey={status}
          onSelectionChange={setStatus}
        />
        <Select
          label={common('filters.status')}
          options={statuses}
          placeholder={t('gallery.choose')}
          isInvalid
          errorMessage={t('gallery.required')}
        />
        <Select label={common('filters.status')} options={statuses} defaultSelectedKey="dormant" isDisabled />
        <ComboBox
          label={common('filters.country')}
          options={countries}
          selectedKey={country}
          onSelectionChange={setCountry}
          description={t('gallery.countryHint')}
        />
        <ComboBox
          label={common('filters.country')}
          options={countries}
          isInvalid
          errorMessage={t('gallery.required')}
        />
        <ComboBox label={common('filters.country')} options={countries} defaultSelectedKey="CN" isDisabled />
        <DatePicker label={t('gallery.signed')} defaultValue={parseDate('1998-06-01')} />
        <DatePicker
          label={t('gallery.signed')}
          defaultValue={parseDate('2031-01-01')}
          isInvalid
          errorMessage={t('gallery.dateError')}
        />
        <DatePicker label={t('gallery.signed')} defaultValue={parseDate('1998-06-01')} isDisabled />
      </div>
      <DateTimePicker
        label={t('gallery.starts')}
        description={t('gallery.startsHint')}
        value={moment}
        onChange={setMoment}
        timeZone={timeZone}
        onTimeZoneChange={setTimeZone}
      />
      <div className="gallery-grid">
        <div className="gallery-stack">
          <Checkbox defaultSelected>{t('gallery.confirmed')}</Checkbox>
          <Checkbox>{t('gallery.confirmed')}</Checkbox>
          <Checkbox isIndeterminate>{t('gallery.partly')}</Checkbox>
          <Checkbox isDisabled>{t('gallery.confirmed')}</Checkbox>
        </div>
        <CheckboxGroup
          label={t('tie.themes')}
          defaultValue={['culture']}
          description={t('gallery.notesHint')}
        >
          {GALLERY_THEMES.map((theme) => (
            <Checkbox key={theme} value={theme}>
              {t(`theme.${theme}`)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <CheckboxGroup label={t('tie.themes')} isInvalid errorMessage={t('gallery.required')}>
          {GALLERY_THEMES.map((theme) => (
            <Checkbox key={theme} value={theme}>
              {t(`theme.${theme}`)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <RadioGroup label={t('tie.visibility')} defaultValue="internal">
          {visibilityOptions(t).map(({ value, label }) => (
            <Radio key={value} value={value}>
              {label}
            </Radio>
          ))}
        </RadioGroup>
      </div>
    </Section>
  );
}

const GALLERY_THEMES = ['culture', 'education', 'innovation'] as const;

function Details({ t }: { t: WorkspaceT }) {
  const { t: common } = useTranslation();
  return (
    <Section title={t('gallery.details')}>
      <DescriptionList
        items={[
          { id: 'kind', label: t('tie.kind'), value: common('kind.twin_town') },
          { id: 'status', label: t('tie.status'), value: common('status.active') },
          { id: 'signed', label: t('tie.signedOn'), value: '1998-06-01' },
          { id: 'themes', label: t('tie.themes'), value: `${t('theme.culture')}, ${t('theme.education')}` },
          { id: 'overview', label: t('tie.notes'), value: t('gallery.tabText.overview') },
        ]}
      />
    </Section>
  );
}

function Overlays({ t }: { t: WorkspaceT }) {
  const toast = useToast();
  const [name, setName] = useState('');
  return (
    <Section title={t('gallery.overlays')}>
      <Row label={t('gallery.dialog')}>
        <DialogTrigger>
          <Button variant="primary">{t('gallery.openDialog')}</Button>
          <ModalDialog
            title={t('gallery.dialogTitle')}
            isDismissable={false}
            actions={(close) => (
              <>
                <Button onPress={close}>{t('gallery.cancel')}</Button>
                <Button
                  variant="primary"
                  onPress={() => {
                    close();
                    toast.show({ title: t('gallery.saved'), tone: 'success' });
                  }}
                >
                  {t('gallery.save')}
                </Button>
              </>
            )}
          >
            <p>{t('gallery.dialogText')}</p>
            <TextField label={t('gallery.name')} value={name} onChange={setName} autoFocus />
          </ModalDialog>
        </DialogTrigger>
        <DialogTrigger>
          <Button variant="danger">{t('gallery.delete')}</Button>
          <ModalDialog
            role="alertdialog"
            title={t('gallery.deleteTitle')}
            actions={(close) => (
              <>
                <Button onPress={close} autoFocus>
                  {t('gallery.cancel')}
                </Button>
                <Button
                  variant="danger"
                  onPress={() => {
                    close();
                    toast.show({
                      title: t('gallery.deleted'),
                      action: {
                        label: t('gallery.undo'),
                        onAction: () => toast.show({ title: t('gallery.restored'), tone: 'success' }),
                      },
                    });
                  }}
                >
                  {t('gallery.delete')}
                </Button>
              </>
            )}
          >
            <p>{t('gallery.deleteText')}</p>
          </ModalDialog>
        </DialogTrigger>
      </Row>
      <Row label={t('gallery.popover')}>
        <DialogTrigger>
          <Button>{t('gallery.openPopover')}</Button>
          <PopoverDialog title={t('gallery.popoverTitle')}>
            <p>{t('gallery.popoverText')}</p>
          </PopoverDialog>
        </DialogTrigger>
      </Row>
      <Row label={t('gallery.menu')}>
        <MenuButton
          label={t('gallery.actions')}
          onAction={(key) =>
            toast.show({ title: t('gallery.chose', { action: t(`gallery.menuItem.${String(key)}`) }) })
          }
        >
          <MenuItem id="edit">{t('gallery.menuItem.edit')}</MenuItem>
          <MenuItem id="duplicate">{t('gallery.menuItem.duplicate')}</MenuItem>
          <MenuItem id="archive" isDisabled>
            {t('gallery.menuItem.archive')}
          </MenuItem>
          <MenuItem id="delete" tone="danger">
            {t('gallery.menuItem.delete')}
          </MenuItem>
        </MenuButton>
        <MenuButton label={t('gallery.actions')} isDisabled>
          <MenuItem id="edit">{t('gallery.menuItem.edit')}</MenuItem>
        </MenuButton>
      </Row>
      <Row label={t('gallery.tooltip')}>
        <Tooltip content={t('gallery.tooltipText')}>
          <Button variant="quiet">{t('gallery.hoverOrFocus')}</Button>
        </Tooltip>
      </Row>
      <Row label={t('gallery.toasts')}>
        <Button onPress={() => toast.show({ title: t('gallery.saved'), tone: 'success' })}>
          {t('gallery.toastSuccess')}
        </Button>
        <Button
          onPress={() =>
            toast.show({
              title: t('gallery.deleted'),
              description: t('gallery.deletedText'),
              action: {
                label: t('gallery.undo'),
                onAction: () => toast.show({ title: t('gallery.restored'), tone: 'success' }),
              },
            })
          }
        >
          {t('gallery.toastUndo')}
        </Button>
        <Button onPress={() => toast.show({ title: t('gallery.failed'), tone: 'danger' })}>
          {t('gallery.toastError')}
        </Button>
      </Row>
    </Section>
  );
}

function Structure({ t }: { t: WorkspaceT }) {
  return (
    <Section title={t('gallery.structure')}>
      <Tabs>
        <TabList aria-label={t('gallery.tabs')}>
          <Tab id="overview">{t('gallery.tab.overview')}</Tab>
          <Tab id="parties">{t('gallery.tab.parties')}</Tab>
          <Tab id="history" isDisabled>
            {t('gallery.tab.history')}
          </Tab>
        </TabList>
        <TabPanel id="overview">{t('gallery.tabText.overview')}</TabPanel>
        <TabPanel id="parties">{t('gallery.tabText.parties')}</TabPanel>
        <TabPanel id="history">{t('gallery.tabText.overview')}</TabPanel>
      </Tabs>
      <div className="gallery-stack">
        <Disclosure title={t('gallery.disclosureOpen')} defaultExpanded>
          <p>{t('gallery.disclosureText')}</p>
        </Disclosure>
        <Disclosure title={t('gallery.disclosureClosed')}>
          <p>{t('gallery.disclosureText')}</p>
        </Disclosure>
        <Disclosure title={t('gallery.disclosureDisabled')} isDisabled>
          <p>{t('gallery.disclosureText')}</p>
        </Disclosure>
      </div>
    </Section>
  );
}

function States({ t }: { t: WorkspaceT }) {
  const [retrying, setRetrying] = useState(false);
  return (
    <Section title={t('gallery.states')}>
      <div className="gallery-grid">
        <EmptyState
          title={t('gallery.emptyTitle')}
          description={t('gallery.emptyText')}
          action={<Button variant="primary">{t('gallery.emptyAction')}</Button>}
        />
        <div>
          <Skeleton lines={4} />
        </div>
        <ErrorState
          message={t('gallery.errorText')}
          isRetrying={retrying}
          onRetry={() => {
            setRetrying(true);
            setTimeout(() => setRetrying(false), 1500);
          }}
        />
      </div>
    </Section>
  );
}

/** The compact table shows five rows a page, so that its pager shows. */
const COMPACT_PAGE_SIZES = [5] as const;

function Tables({ t }: { t: WorkspaceT }) {
  const { t: common, i18n } = useTranslation();
  const rows = useMemo(() => demoTies(2000), []);
  const statusOptions = useMemo(
    () => DEMO_STATUSES.map((status) => ({ value: status, label: common(`status.${status}`) })),
    [common],
  );
  const columns = useMemo<DataColumn<DemoTie>[]>(
    () => [
      { id: 'place', header: t('gallery.col.place'), value: (row) => row.place, required: true },
      { id: 'partner', header: t('gallery.col.partner'), value: (row) => row.partner, filter: 'text' },
      {
        id: 'country',
        header: common('filters.country'),
        value: (row) => countryName(row.country, i18n.language),
      },
      {
        id: 'status',
        header: common('filters.status'),
        value: (row) => row.status,
        cell: (row) => common(`status.${row.status}`),
        filter: { options: statusOptions },
      },
      {
        id: 'since',
        header: t('gallery.col.since'),
        value: (row) => row.since,
        cell: (row) => String(row.since),
        numeric: true,
      },
      { id: 'contacts', header: t('gallery.col.contacts'), value: (row) => row.contacts, numeric: true },
      { id: 'note', header: t('gallery.col.note'), value: (row) => row.note, hidden: true },
    ],
    [t, common, i18n.language, statusOptions],
  );
  const none = useMemo<DemoTie[]>(() => [], []);
  const few = useMemo(() => rows.slice(0, 12), [rows]);
  return (
    <Section title={t('gallery.tables')}>
      <DataTable
        caption={t('gallery.tableCaption')}
        rows={rows}
        columns={columns}
        rowId={(row) => row.id}
        urlPrefix="ties"
        fileName="citybridge-ties"
        defaultSort={[{ id: 'place', desc: false }]}
      />
      <DataTable
        caption={t('gallery.compactTableCaption')}
        rows={few}
        columns={columns}
        rowId={(row) => row.id}
        urlPrefix="compact"
        fileName="citybridge-compact"
        defaultSort={[{ id: 'place', desc: false }]}
        pageSizes={COMPACT_PAGE_SIZES}
        compact
      />
      <DataTable
        caption={t('gallery.emptyTableCaption')}
        rows={none}
        columns={columns}
        rowId={(row) => row.id}
        urlPrefix="empty"
        fileName="citybridge-empty"
        emptyState={
          <EmptyState
            title={t('gallery.emptyTitle')}
            description={t('gallery.emptyText')}
            action={<Button variant="primary">{t('gallery.emptyAction')}</Button>}
          />
        }
      />
      <DataTable
        caption={t('gallery.loadingTableCaption')}
        rows={none}
        columns={columns}
        rowId={(row) => row.id}
        urlPrefix="loading"
        fileName="citybridge-loading"
        isLoading
      />
      <DataTable
        caption={t('gallery.errorTableCaption')}
        rows={none}
        columns={columns}
        rowId={(row) => row.id}
        urlPrefix="failed"
        fileName="citybridge-failed"
        error={t('gallery.errorText')}
        onRetry={() => {}}
      />
    </Section>
  );
}

/** Every component of the design system in each of its states, for people building pages and for the tests. */
export function ComponentsPage() {
  const { t, ready } = useWorkspaceTexts();
  const session = useSession();
  if (!ready || session.isPending) return <Skeleton lines={6} />;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  return (
    <div className="gallery">
      <h1>{t('gallery.title')}</h1>
      <p className="lead">{t('gallery.intro')}</p>
      <Buttons t={t} />
      <Fields t={t} />
      <Details t={t} />
      <Overlays t={t} />
      <Structure t={t} />
      <States t={t} />
      <Tables t={t} />
    </div>
  );
}
