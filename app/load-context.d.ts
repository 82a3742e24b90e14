import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce: string;
    clientIp: string;
    isDocumentRequest: boolean;
    /** Values for server rendering only: never serialised into loader data. */
    serverOnly: { draftHtml?: string };
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
