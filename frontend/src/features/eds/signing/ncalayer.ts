// A client of NCALayer, the National Certification Centre's desktop application that holds the
// person's keys (files, ID cards, tokens) and signs on a page's behalf over a local WebSocket
// (API: https://github.com/sigex-kz/ncalayer-js-client). Only the current API is used: module `kz.gov.pki.knca.basics`,
// method `sign`, which opens NCALayer's own key dialog; the page never sees a key or password.
import type { Language } from '@/i18n/languages';
import { bytesToBase64, utf8 } from './bytes';
import { EdsError } from './eds-error';
import type { KeyPurpose } from './key-purpose';

export const NCALAYER_URL = 'wss://127.0.0.1:13579';

/** How long to wait for NCALayer to accept the connection before saying it is not running. */
export const NCALAYER_CONNECT_TIMEOUT_MS = 1500;

/** The key stores NCALayer may offer: key files, the ID card and the hardware tokens. */
export const ALLOWED_STORAGES = [
  'PKCS12',
  'AKKZIDCardStore',
  'AKKaztokenStore',
  'AKEToken72KStore',
  'AKEToken5110Store',
  'AKJaCartaStore',
  'AKAKEYStore',
] as const;

/** Extended key usage of AUTH keys: TLS client authentication. */
export const CLIENT_AUTH_EKU = '1.3.6.1.5.5.7.3.2';

/** Extended key usage of SIGN keys: e-mail protection, as the national CA marks them. */
export const EMAIL_PROTECTION_EKU = '1.3.6.1.5.5.7.3.4';

/** The keys NCALayer's dialog offers for each purpose: only AUTH keys, or only SIGN keys. */
const EKU_OF: Record<KeyPurpose, string> = {
  authentication: CLIENT_AUTH_EKU,
  signing: EMAIL_PROTECTION_EKU,
};

/** The WebSocket constructor, replaceable in tests. */
export type SocketFactory = (url: string) => WebSocket;

export interface NcaLayerOptions {
  url?: string;
  connectTimeoutMs?: number;
  createSocket?: SocketFactory;
}

const defaultSocketFactory: SocketFactory = (url) => new WebSocket(url);

/** Opens a connection, or fails with `ncalayer-unavailable` when nothing answers in time. */
function connect(options: NcaLayerOptions): Promise<WebSocket> {
  const {
    url = NCALAYER_URL,
    connectTimeoutMs = NCALAYER_CONNECT_TIMEOUT_MS,
    createSocket = defaultSocketFactory,
  } = options;
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = createSocket(url);
    } catch (cause) {
      // A Content-Security-Policy without the address, or a browser that refuses it.
      reject(new EdsError('ncalayer-unavailable', { cause }));
      return;
    }
    const fail = (cause?: unknown) => {
      clearTimeout(timer);
      socket.onopen = socket.onerror = socket.onclose = null;
      socket.close();
      reject(new EdsError('ncalayer-unavailable', { cause }));
    };
    const timer = setTimeout(() => fail(new Error('timed out')), connectTimeoutMs);
    socket.onopen = () => {
      clearTimeout(timer);
      socket.onerror = socket.onclose = null;
      resolve(socket);
    };
    socket.onerror = () => fail(new Error('connection failed'));
    socket.onclose = () => fail(new Error('connection closed'));
  });
}

/** Whether NCALayer answers on this computer. */
export async function isNcaLayerRunning(options: NcaLayerOptions = {}): Promise<boolean> {
  try {
    const socket = await connect(options);
    socket.close();
    return true;
  } catch {
    return false;
  }
}

interface NcaLayerResponse {
  status?: boolean;
  code?: string;
  message?: string;
  details?: string;
  body?: { result?: unknown };
  result?: { version?: string };
}

/** NCALayer greets every new connection with its version; that is not an answer. */
function isGreeting(response: NcaLayerResponse): boolean {
  return response.status === undefined && typeof response.result?.version === 'string';
}

/** Sends one request and waits (without a time limit: a person is choosing a key) for its answer. */
function exchange(socket: WebSocket, request: unknown): Promise<NcaLayerResponse> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      socket.onmessage = socket.onerror = socket.onclose = null;
      socket.close();
    };
    socket.onmessage = (event: MessageEvent) => {
      let response: NcaLayerResponse;
      try {
        response = JSON.parse(String(event.data)) as NcaLayerResponse;
      } catch (cause) {
        finish();
        reject(new EdsError('ncalayer-failed', { cause }));
        return;
      }
      if (isGreeting(response)) return;
      finish();
      resolve(response);
    };
    const lost = () => {
      finish();
      reject(new EdsError('ncalayer-unavailable', { cause: new Error('connection lost') }));
    };
    socket.onerror = lost;
    socket.onclose = lost;
    socket.send(JSON.stringify(request));
  });
}

export interface NcaLayerSignOptions extends NcaLayerOptions {
  /** Which of the person's keys the dialog offers: AUTH (the default) or SIGN. */
  purpose?: KeyPurpose;
}

/**
 * Asks NCALayer to sign `challenge` (its exact UTF-8 bytes) as a detached CMS signature, with an
 * AUTH key or, for a document, a SIGN key; resolves with the signature's base64. Fails with
 * `ncalayer-cancelled` when the person closes NCALayer's dialog.
 */
export async function signWithNcaLayer(
  challenge: string,
  locale: Language,
  options: NcaLayerSignOptions = {},
): Promise<string> {
  const { purpose = 'authentication' } = options;
  const socket = await connect(options);
  const response = await exchange(socket, {
    module: 'kz.gov.pki.knca.basics',
    method: 'sign',
    args: {
      allowedStorages: ALLOWED_STORAGES,
      format: 'cms',
      data: bytesToBase64(utf8(challenge)),
      signingParams: { decode: true, encapsulate: false, digested: false },
      signerParams: { extKeyUsageOids: [EKU_OF[purpose]] },
      locale,
    },
  });
  if (response.status === false) {
    const detail = [response.message, response.details].filter(Boolean).join(': ') || null;
    throw new EdsError('ncalayer-failed', { detail });
  }
  const result = response.body?.result;
  const signature = Array.isArray(result) ? (result[0] as unknown) : result;
  if (typeof signature !== 'string' || signature.trim() === '') {
    // No result: the person cancelled the key dialog.
    throw new EdsError('ncalayer-cancelled');
  }
  // Base64 of the DER; PEM armour and line breaks, if any, are dropped.
  return signature.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
}
