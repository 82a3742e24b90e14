import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOut } from "~/models/auth.server";

// Signing out changes state, so it is a POST; a GET just goes home.
export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return signOut(request);
}
