import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { BrowserRouter, MemoryRouter, Route, Routes } from "react-router-dom";
import { ApiProvider, ApiError, type ApiContextValue } from "./api";
import { useClearCacheOnUserChange } from "./auth/AuthContext";
import { RequireAdmin, RequireAuth } from "./auth/Guards";
import { Layout } from "./components/Layout";
import { AccountPage } from "./pages/account/AccountPage";
import { AdminPage } from "./pages/admin/AdminPage";
import { DashboardPage } from "./pages/dashboard/DashboardPage";
import { LoginPage } from "./pages/login/LoginPage";
import { OidcCallbackPage } from "./pages/login/OidcCallbackPage";
import { RegisterPage } from "./pages/login/RegisterPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { NotificationsPage } from "./pages/notifications/NotificationsPage";
import { ProjectDetailPage } from "./pages/project/ProjectDetailPage";
import { ServicesPage } from "./pages/services/ServicesPage";
import { TaskDetailPage } from "./pages/task/TaskDetailPage";
import { UsagePage } from "./pages/usage/UsagePage";

/** Server state is refetched on SSE events and mutations, never on a timer. Client errors are not retried. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

export function AppRoutes() {
  useClearCacheOnUserChange();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/auth/callback/:provider" element={<OidcCallbackPage />} />
      <Route element={<RequireAuth><Layout /></RequireAuth>}>
        <Route index element={<DashboardPage />} />
        <Route path="projects/:projectId" element={<ProjectDetailPage />} />
        <Route path="tasks/:taskId" element={<TaskDetailPage />} />
        <Route path="usage" element={<UsagePage />} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="admin" element={<RequireAdmin><AdminPage /></RequireAdmin>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

interface AppProps {
  api: ApiContextValue;
  /** Tests render at a path without a browser history. */
  initialPath?: string;
  queryClient?: QueryClient;
}

export function App({ api, initialPath, queryClient }: AppProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const router = (children: ReactNode) =>
    initialPath ? <MemoryRouter initialEntries={[initialPath]}>{children}</MemoryRouter> : <BrowserRouter>{children}</BrowserRouter>;
  return (
    <ApiProvider value={api}>
      <QueryClientProvider client={client}>{router(<AppRoutes />)}</QueryClientProvider>
    </ApiProvider>
  );
}
