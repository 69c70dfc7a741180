import type { Key } from 'react-aria-components';
import { Tab, TabList, TabPanel, Tabs } from '../../ui/Tabs.tsx';
import { OrganizationListPage } from '../lists/ListPage.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { Agenda } from './Agenda.tsx';
import { EventsList } from './EventsList.tsx';
import { type EventsView, useView, VIEWS } from './event-views.ts';
import { MonthCalendar } from './MonthCalendar.tsx';
import './events.css';

/**
 * The organisation's events: a list to filter, sort and download (with its invitations to answer and the attendance
 * of those it hosts), a month calendar and an agenda of what is coming, on the reader's clock. The view chosen is in
 * the address (?view=), so a link or the back button opens the same one.
 */
export function EventsPage() {
  const { t, ready } = useWorkspaceTexts();
  const [view, setView] = useView();
  return (
    <OrganizationListPage t={t} ready={ready} title={t('shell.events')}>
      {(organization) => (
        <Tabs
          selectedKey={view}
          onSelectionChange={(key: Key) => {
            if ((VIEWS as readonly Key[]).includes(key)) setView(key as EventsView);
          }}
        >
          <TabList aria-label={t('events.views')}>
            {VIEWS.map((id) => (
              <Tab key={id} id={id}>
                {t(`events.view.${id}`)}
              </Tab>
            ))}
          </TabList>
          <TabPanel id="list">
            <EventsList organization={organization} />
          </TabPanel>
          <TabPanel id="month">
            <MonthCalendar organization={organization} />
          </TabPanel>
          <TabPanel id="agenda">
            <Agenda organization={organization} />
          </TabPanel>
        </Tabs>
      )}
    </OrganizationListPage>
  );
}
