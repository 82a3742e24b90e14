import "~/utils/zod-config";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import stylesHref from "~/styles/app.css";
import traineeStylesHref from "~/styles/trainee.css";
import { getUser } from "~/models/auth.server";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "stylesheet", href: traineeStylesHref },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction = () => [{ title: "Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // A DTO: only what the layout shows.
  return { user: user ? { name: user.name, role: user.role } : null };
}

const NAV: Record<string, { to: string; label: string }[]> = {
  trainee: [
    { to: "/practice", label: "Practice" },
    { to: "/practice/progress", label: "Progress" },
    { to: "/notifications", label: "Notifications" },
  ],
  mentor: [
    { to: "/mentor", label: "Review queue" },
    { to: "/mentor/programs", label: "Programs" },
    { to: "/mentor/dashboard", label: "Dashboard" },
    { to: "/mentor/calibration", label: "Calibration" },
  ],
  admin: [
    { to: "/admin", label: "People" },
    { to: "/admin/cohorts", label: "Cohorts" },
    { to: "/admin/programs", label: "Programs" },
    { to: "/admin/generation", label: "Generation" },
    { to: "/admin/content", label: "Content" },
    { to: "/admin/settings", label: "Settings" },
    { to: "/mentor", label: "Reviews" },
    { to: "/mentor/programs", label: "Sign-off" },
    { to: "/mentor/dashboard", label: "Dashboard" },
    { to: "/mentor/calibration", label: "Calibration" },
  ],
};

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  // The phone menu closes once a link in it has taken the reader to another page.
  const menu = useRef<HTMLDetailsElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [key]);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <div className="topbar-inner">
            <Link to="/" className="brand" aria-label="Redline home">
              <span className="brand-mark" aria-hidden="true" />
              Redline
            </Link>
            {user ? (
              <>
                <nav aria-label="Main" className="mainnav">
                  <NavLinks role={user.role} />
                </nav>
                <div className="whoami">
                  <Account name={user.name} role={user.role} />
                </div>
                {/* Phones: the same links behind one "Menu" button (a <details>, so no JavaScript is needed). */}
                <details className="phone-menu" ref={menu}>
                  <summary>Menu</summary>
                  <div className="phone-menu-panel">
                    <nav aria-label="Main">
                      <NavLinks role={user.role} />
                    </nav>
                    <div className="phone-account">
                      <Account name={user.name} role={user.role} />
                    </div>
                  </div>
                </details>
              </>
            ) : null}
          </div>
        </header>
        <main id="main" className="container">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function NavLinks({ role }: { role: string }) {
  return (
    <>
      {(NAV[role] ?? []).map((item) => (
        <NavLink key={item.to} to={item.to} end className={({ isActive }) => (isActive ? "active" : undefined)}>
          {item.label}
        </NavLink>
      ))}
    </>
  );
}

function Account({ name, role }: { name: string; role: string }) {
  return (
    <>
      <span>
        {name} <span className="role-badge">{role}</span>
      </span>
      <Link to="/account/sessions" className="small">
        Sessions
      </Link>
      <Form method="post" action="/logout">
        <button type="submit" className="btn btn-quiet">
          Sign out
        </button>
      </Form>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
