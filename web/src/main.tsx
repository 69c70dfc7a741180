import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { networkQuery } from './api/network.ts';
import { settingsQuery } from './api/settings.ts';
import { Layout } from './components/Layout.tsx';
import { setupI18n } from './i18n/index.ts';
import { preloadMap } from './map/load.ts';
import { AccessibilityPage } from './pages/AccessibilityPage.tsx';
import { AtlasPage } from './pages/AtlasPage.tsx';
import { CountryPage } from './pages/CountryPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PlacePage } from './pages/PlacePage.tsx';
import './styles.css';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <AtlasPage /> },
      { path: '/places/:id', element: <PlacePage /> },
      { path: '/countries/:code', element: <CountryPage /> },
      { path: '/accessibility', element: <AccessibilityPage /> },
      // An event's page loads on demand, so the atlas's first view carries none of it.
      {
        path: '/events/:id',
        lazy: async () => ({ Component: (await import('./pages/EventPage.tsx')).EventPage }),
      },
      // A network's page and the list of networks load on demand too.
      {
        path: '/networks',
        lazy: async () => ({ Component: (await import('./pages/NetworksPage.tsx')).NetworksPage }),
      },
      {
        path: '/networks/:id',
        lazy: async () => ({ Component: (await import('./pages/NetworkPage.tsx')).NetworkPage }),
      },
      // The open data's downloads load on demand too.
      {
        path: '/downloads',
        lazy: async () => ({ Component: (await import('./pages/DownloadsPage.tsx')).DownloadsPage }),
      },
      // Articles and their series load on demand too.
      {
        path: '/articles/:slug',
        lazy: async () => ({ Component: (await import('./pages/ArticlePage.tsx')).ArticlePage }),
      },
      {
        path: '/series/:slug',
        lazy: async () => ({ Component: (await import('./pages/SeriesPage.tsx')).SeriesPage }),
      },
      // The workspace loads on demand, so the public atlas carries none of its code.
      {
        path: '/sign-in',
        lazy: async () => ({ Component: (await import('./workspace/auth/SignInPage.tsx')).SignInPage }),
      },
      {
        path: '/setup',
        lazy: async () => ({ Component: (await import('./workspace/auth/LinkPage.tsx')).SetupPage }),
      },
      {
        path: '/password',
        lazy: async () => ({ Component: (await import('./workspace/auth/LinkPage.tsx')).PasswordPage }),
      },
      {
        path: '/countries',
        lazy: async () => ({ Component: (await import('./countries/CountriesPage.tsx')).CountriesPage }),
      },
      // Every signed-in page sits in the workspace's frame: sidebar, organisation switcher, user menu, breadcrumbs.
      {
        lazy: async () => ({
          Component: (await import('./workspace/shell/WorkspaceShell.tsx')).WorkspaceShell,
        }),
        children: [
          {
            path: '/workspace',
            lazy: async () => ({
              Component: (await import('./workspace/dashboard/DashboardPage.tsx')).DashboardPage,
            }),
          },
          {
            path: '/workspace/ties',
            lazy: async () => ({
              Component: (await import('./workspace/lists/TiesListPage.tsx')).TiesListPage,
            }),
          },
          {
            path: '/workspace/organizations',
            lazy: async () => ({
              Component: (await import('./workspace/lists/OrganizationsListPage.tsx')).OrganizationsListPage,
            }),
          },
          {
            path: '/workspace/people',
            lazy: async () => ({
              Component: (await import('./workspace/lists/PeopleListPage.tsx')).PeopleListPage,
            }),
          },
          {
            path: '/workspace/activity',
            lazy: async () => ({
              Component: (await import('./workspace/lists/ActivityListPage.tsx')).ActivityListPage,
            }),
          },
          {
            path: '/workspace/events',
            lazy: async () => ({ Component: (await import('./workspace/events/EventsPage.tsx')).EventsPage }),
          },
          // Articles: the series and the articles of every status; the editor (with TipTap) loads on its own.
          {
            path: '/workspace/articles',
            lazy: async () => ({
              Component: (await import('./workspace/articles/ArticlesPage.tsx')).ArticlesPage,
            }),
          },
          {
            path: '/workspace/articles/new',
            lazy: async () => ({
              Component: (await import('./workspace/articles/ArticleEditorPage.tsx')).ArticleEditorPage,
            }),
          },
          {
            path: '/workspace/articles/:id',
            lazy: async () => ({
              Component: (await import('./workspace/articles/ArticleEditorPage.tsx')).ArticleEditorPage,
            }),
          },
          {
            path: '/workspace/outcomes',
            lazy: async () => ({
              Component: (await import('./workspace/outcomes/OutcomesPage.tsx')).OutcomesPage,
            }),
          },
          {
            path: '/workspace/support-requests',
            lazy: async () => ({
              Component: (await import('./workspace/outcomes/SupportRequestsPage.tsx')).SupportRequestsPage,
            }),
          },
          {
            path: '/workspace/networks/:id/discussion',
            lazy: async () => ({
              Component: (await import('./workspace/discussion/DiscussionPage.tsx')).DiscussionPage,
            }),
          },
          {
            path: '/workspace/networks',
            lazy: async () => ({
              Component: (await import('./workspace/networks/NetworksListPage.tsx')).NetworksListPage,
            }),
          },
          {
            path: '/workspace/networks/:id',
            lazy: async () => ({
              Component: (await import('./workspace/networks/NetworkWorkspacePage.tsx')).NetworkWorkspacePage,
            }),
          },
          // Campaigns (mapping surveys): the list, a campaign, its builder, a member's response and the results.
          {
            path: '/workspace/campaigns',
            lazy: async () => ({
              Component: (await import('./workspace/campaigns/CampaignsPage.tsx')).CampaignsPage,
            }),
          },
          {
            path: '/workspace/campaigns/:id',
            lazy: async () => ({
              Component: (await import('./workspace/campaigns/CampaignPage.tsx')).CampaignPage,
            }),
          },
          {
            path: '/workspace/campaigns/:id/edit',
            lazy: async () => ({
              Component: (await import('./workspace/campaigns/BuilderPage.tsx')).BuilderPage,
            }),
          },
          {
            path: '/workspace/campaigns/:id/respond',
            lazy: async () => ({
              Component: (await import('./workspace/campaigns/ResponsePage.tsx')).ResponsePage,
            }),
          },
          {
            path: '/workspace/campaigns/:id/results',
            lazy: async () => ({
              Component: (await import('./workspace/campaigns/ResultsPage.tsx')).ResultsPage,
            }),
          },
          {
            path: '/workspace/door-opener',
            lazy: async () => ({
              Component: (await import('./workspace/door-opener/DoorOpenerPage.tsx')).DoorOpenerPage,
            }),
          },
          // Importing a city's spreadsheet of ties: upload, column mapping, dry run and commit.
          {
            path: '/workspace/imports',
            lazy: async () => ({
              Component: (await import('./workspace/imports/ImportsPage.tsx')).ImportsPage,
            }),
          },
          {
            path: '/workspace/components',
            lazy: async () => ({
              Component: (await import('./workspace/components/ComponentsPage.tsx')).ComponentsPage,
            }),
          },
          {
            path: '/partnerships/new',
            lazy: async () => ({
              Component: (await import('./workspace/partnerships/NewPartnershipPage.tsx')).NewPartnershipPage,
            }),
          },
          {
            path: '/organizations/:id',
            lazy: async () => ({
              Component: (await import('./workspace/organizations/OrganizationPage.tsx')).OrganizationPage,
            }),
          },
          {
            path: '/account',
            lazy: async () => ({ Component: (await import('./workspace/auth/AccountPage.tsx')).AccountPage }),
          },
          {
            path: '/admin/users',
            lazy: async () => ({ Component: (await import('./workspace/users/UsersPage.tsx')).UsersPage }),
          },
          {
            path: '/admin/wikidata-refresh',
            lazy: async () => ({
              Component: (await import('./workspace/wikidata-refresh/WikidataRefreshPage.tsx'))
                .WikidataRefreshPage,
            }),
          },
          {
            path: '/admin/duplicates',
            lazy: async () => ({
              Component: (await import('./workspace/duplicates/DuplicatesPage.tsx')).DuplicatesPage,
            }),
          },
          {
            path: '/partnerships/:id',
            lazy: async () => ({
              Component: (await import('./workspace/partnerships/PartnershipPage.tsx')).PartnershipPage,
            }),
          },
          {
            path: '/partnerships/:id/report',
            lazy: async () => ({
              Component: (await import('./workspace/reports/ReportPage.tsx')).TieReportPage,
            }),
          },
          {
            path: '/organizations/:id/report',
            lazy: async () => ({
              Component: (await import('./workspace/reports/ReportPage.tsx')).OrganizationReportPage,
            }),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

// The pages with a map are the usual first view: fetch its code and data while the app starts.
if (window.location.pathname === '/' || window.location.pathname.startsWith('/places/')) {
  preloadMap();
  void queryClient.prefetchQuery(networkQuery);
  void queryClient.prefetchQuery(settingsQuery);
}

await setupI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
