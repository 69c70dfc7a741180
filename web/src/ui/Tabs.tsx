import {
  Tab as AriaTab,
  TabList as AriaTabList,
  TabPanel as AriaTabPanel,
  Tabs as AriaTabs,
  type TabListProps,
  type TabPanelProps,
  type TabProps,
  type TabsProps,
} from 'react-aria-components';
import './Tabs.css';

/** Tabs: arrow keys move between tabs, the panel follows; the chosen tab can be kept in the URL by the page. */
export function Tabs(props: TabsProps) {
  return <AriaTabs {...props} className="cb-tabs" />;
}
export function TabList<T extends object>(props: TabListProps<T>) {
  return <AriaTabList {...props} className="cb-tab-list" />;
}
export function Tab(props: TabProps) {
  return <AriaTab {...props} className="cb-tab" />;
}
export function TabPanel(props: TabPanelProps) {
  return <AriaTabPanel {...props} className="cb-tab-panel" />;
}
