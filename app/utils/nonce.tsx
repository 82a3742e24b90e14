import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
/** The per-request CSP nonce on the server; empty in the browser (scripts are already trusted). */
export const useNonce = () => useContext(NonceContext);

const ServerOnlyContext = createContext<{ draftHtml?: string }>({});
export const ServerOnlyProvider = ServerOnlyContext.Provider;
/** Values the server renders into the document but does not repeat in loader data. */
export const useServerOnly = () => useContext(ServerOnlyContext);
