import { NavLink, Outlet, useLocation } from "react-router-dom";
import { useAuth } from "../auth/AuthContext";
import { RegionBoundary } from "./RegionBoundary";
import { SimulatedBanner } from "./SimulatedBanner";
import { ThemeToggle } from "./ThemeToggle";

export function Layout() {
  const { user, isAdmin, logout } = useAuth();
  const { pathname } = useLocation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SimulatedBanner />
      <header className="topbar">
        <span className="brand">Orchestration Engine</span>
        <nav aria-label="Main">
          <ul>
            <li><NavLink to="/" end>Dashboard</NavLink></li>
            <li><NavLink to="/usage">Usage</NavLink></li>
            <li><NavLink to="/services">Services</NavLink></li>
            <li><NavLink to="/notifications">Notifications</NavLink></li>
            <li><NavLink to="/account">Account</NavLink></li>
            {isAdmin && <li><NavLink to="/admin">Admin</NavLink></li>}
          </ul>
        </nav>
        <div className="topbar-end">
          <ThemeToggle />
          {user && (
            <>
              <span className="muted" aria-label="Signed in as">
                {user.display_name} ({user.role})
              </span>
              <button type="button" className="btn btn-ghost" onClick={logout}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {/* The last line of defence: the navigation stays when a page fails to render, and leaving the page resets it. */}
        <RegionBoundary name="This page" resetKeys={[pathname]}>
          <Outlet />
        </RegionBoundary>
      </main>
    </div>
  );
}
